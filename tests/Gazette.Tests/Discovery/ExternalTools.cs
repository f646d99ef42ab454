using System.Diagnostics;

namespace Gazette.Tests.Discovery;

/// <summary>
/// Command-line checkers the tests run (xmllint, java with vnu.jar). Where one is missing a test skips with one line,
/// except under CI=true, where .ci/run installs them and a missing one is a failure.
/// </summary>
public static class ExternalTools
{
    public static bool OnCi => Environment.GetEnvironmentVariable("CI") == "true";

    /// <summary>Skips the test (locally) or fails it (CI) when the tool is not there.</summary>
    public static void Require(bool present, string missing)
    {
        if (present)
        {
            return;
        }
        if (OnCi)
        {
            throw new InvalidOperationException($"{missing} CI must run this test: .ci/run installs it.");
        }
        Assert.Skip(missing);
    }

    /// <summary>The full path of a program on PATH, or null.</summary>
    public static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    /// <summary>The checkout's root (where Gazette.slnx is), found from the test assembly's folder.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Gazette.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No Gazette.slnx above {AppContext.BaseDirectory}.");
    }

    public sealed record Run(int ExitCode, string Output, string Error);

    /// <summary>Runs a program to its end (or kills it after the timeout) and returns what it printed.</summary>
    public static async Task<Run> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeout.TotalSeconds:0} s.");
        }
        return new Run(process.ExitCode, await output, await error);
    }
}
