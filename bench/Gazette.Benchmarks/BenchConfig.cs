using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Gazette.Benchmarks;

/// <summary>
/// The default job of every benchmark here: BenchmarkDotNet's short run (1 launch, 3 warm-up and 3 measured
/// iterations), in this process. In-process means no per-run project generation and rebuild, which on a
/// 2-core machine costs more than the measurements; the whole suite runs in a few minutes. For publishable
/// figures add e.g. <c>--job medium</c> on the command line.
/// </summary>
public class BenchConfig : ManualConfig
{
    public BenchConfig() : this(iterationCount: null)
    {
    }

    /// <param name="iterationCount">More measured iterations than the short run's 3, for cheap benchmarks whose figure matters.</param>
    protected BenchConfig(int? iterationCount)
    {
        var job = Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance);
        AddJob(iterationCount is { } count
            ? job.WithIterationCount(count).WithId($"ShortRun-InProcess-{count}")
            : job.WithId("ShortRun-InProcess"));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
