using Gazette.Data;

namespace Gazette.Import;

/// <summary>
/// <c>import wordpress FILE [--dry-run] [--uploads DIR] [--old-base-url URL] [--skip-pings]</c> and
/// <c>import disqus FILE [--dry-run] [--old-base-url URL]</c> and <c>import json FILE [--dry-run]</c> (a Gazette export,
/// into an empty Gazette: <see cref="JsonImport"/>): the import, with a progress line on standard error
/// (redrawn at a terminal, a line every few seconds otherwise) and the report on standard output. Exit codes: 0 done,
/// 1 stopped before the end of the file (the report says why; run it again to finish), 2 bad usage. Other options
/// (<c>--Storage:DataFolder</c> ...) are the site's configuration, as when it runs.
/// </summary>
public static class ImportCommand
{
    public const int BadInput = 2;
    private const string Usage = "Usage: import wordpress FILE [--dry-run] [--uploads DIR] [--old-base-url URL] [--skip-pings]"
        + " | import disqus FILE [--dry-run] [--old-base-url URL] | import json FILE [--dry-run]";

    private static readonly string[] HostOptions = ["--urls", "--environment", "--contentRoot", "--applicationName"];

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == "import";

    /// <summary>
    /// What the host is to read of the command line: for an import, only the site's configuration (<c>--Section:Key
    /// value</c>) and the host's own options. Given the rest, the host's parser takes a file path (<c>/srv/old.xml</c>)
    /// for a key and <c>--dry-run</c> for one that swallows the next option.
    /// </summary>
    public static string[] HostArgs(string[] args)
    {
        if (!IsInvoked(args))
        {
            return args;
        }
        var kept = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal)
                && (args[i].Contains(':') || HostOptions.Contains(args[i].Split('=')[0], StringComparer.OrdinalIgnoreCase)))
            {
                kept.Add(args[i]);
                if (!args[i].Contains('=') && i + 1 < args.Length)
                {
                    kept.Add(args[++i]);
                }
            }
        }
        return [.. kept];
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter? output = null, TextWriter? progressOutput = null)
    {
        output ??= Console.Out;
        progressOutput ??= Console.Error;
        ImportRequest request;
        string file;
        try
        {
            (request, file) = Parse(args);
        }
        catch (ArgumentException e)
        {
            await progressOutput.WriteLineAsync($"import: {e.Message}");
            return BadInput;
        }
        try
        {
            await services.GetRequiredService<DatabaseStartup>().PrepareAsync();
        }
        catch (GazetteStartupException e)
        {
            await progressOutput.WriteLineAsync($"import: Gazette could not start. {e.Message}");
            return 1;
        }

        var report = new ImportReport(request.SourceName, request.DryRun);
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            using var stop = new CancellationTokenSource();
            var redraw = ReferenceEquals(progressOutput, Console.Error) && !Console.IsErrorRedirected;
            var progress = ImportProgress.ShowAsync(report, progressOutput, redraw, stop.Token);
            try
            {
                await request.RunAsync(services, stream, report, CancellationToken.None);
            }
            finally
            {
                await stop.CancelAsync();
                await progress;
            }
        }
        await output.WriteAsync(report.ToText());
        return report.Failure is null ? 0 : 1;
    }

    private static (ImportRequest, string) Parse(string[] args)
    {
        if (args.Length < 2 || args[1] is not ("wordpress" or "disqus" or "json"))
        {
            throw new ArgumentException(args.Length < 2 ? Usage : $"there is no import of \"{args[1]}\". {Usage}");
        }
        var kind = args[1] switch { "wordpress" => ImportKind.WordPress, "json" => ImportKind.Json, _ => ImportKind.Disqus };
        string? file = null, uploads = null, oldBase = null;
        bool dryRun = false, skipPings = false;
        for (var i = 2; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value. {Usage}");
            switch (arg)
            {
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--skip-pings" when kind == ImportKind.WordPress:
                    skipPings = true;
                    break;
                case "--uploads" when kind == ImportKind.WordPress:
                    uploads = Value();
                    if (!Directory.Exists(uploads))
                    {
                        throw new ArgumentException($"--uploads: there is no folder \"{uploads}\".");
                    }
                    break;
                case "--old-base-url" when kind != ImportKind.Json:
                    oldBase = Value();
                    if (!Uri.TryCreate(oldBase, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    {
                        throw new ArgumentException($"--old-base-url: \"{oldBase}\" is not an http(s) address such as https://old.example.");
                    }
                    break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal) && (arg.Contains(':') || HostOptions.Contains(arg, StringComparer.OrdinalIgnoreCase)))
                    {
                        // The site's own configuration, read by the host: skip its value.
                        i += arg.Contains('=') ? 0 : 1;
                    }
                    else if (!arg.StartsWith("--", StringComparison.Ordinal) && file is null)
                    {
                        file = arg;
                    }
                    else
                    {
                        throw new ArgumentException($"unknown option \"{arg}\". {Usage}");
                    }
                    break;
            }
        }
        if (file is null)
        {
            throw new ArgumentException($"which file? {Usage}");
        }
        if (!File.Exists(file))
        {
            throw new ArgumentException($"there is no file \"{file}\".");
        }
        return (new ImportRequest(kind, dryRun, uploads, oldBase, skipPings), file);
    }
}
