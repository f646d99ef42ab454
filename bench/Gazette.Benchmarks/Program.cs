using BenchmarkDotNet.Running;

namespace Gazette.Benchmarks;

/// <summary>
/// <c>seed --data-folder DIR --comments 2000,10000</c> prepares a data folder for whole-page benchmarks;
/// <c>live --site URL --article PATH --readers N</c> holds live readers and times events (<see cref="LiveCommand"/>);
/// anything else (or nothing) goes to BenchmarkDotNet, e.g. <c>--filter '*ThreadBuilder*'</c>.
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "seed")
        {
            return await SeedCommand.RunAsync(args[1..]);
        }
        if (args.Length > 0 && args[0] == "live")
        {
            return await LiveCommand.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
