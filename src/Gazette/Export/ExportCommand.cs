using Gazette.Administration;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Export;

/// <summary>
/// <c>export json --to FILE</c> and <c>export wordpress --to FILE</c>: the whole site as Gazette's JSON export or as a
/// WordPress export (WXR). The database is made ready as when the site starts (its migrations), then read while the
/// site may run elsewhere. The file is written beside FILE and renamed into place when complete. WordPress's links use
/// Site:BaseUrl (http://localhost:5000 when it is not set). Exit codes: 0 done, 1 the database cannot be read or the file
/// written, 2 bad usage.
/// </summary>
public static class ExportCommand
{
    public const int BadInput = 2;
    private const string Usage = "Usage: export json|wordpress --to FILE";
    private const string DefaultBaseUrl = "http://localhost:5000";

    /// <summary>Options the host reads itself (the site's configuration keys have a colon and pass through too).</summary>
    private static readonly string[] HostOptions = ["--urls", "--environment", "--contentRoot", "--applicationName"];

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == "export";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        ExportFormat format;
        string target;
        try
        {
            (format, target) = Parse(args);
            target = Path.GetFullPath(target);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"export: {e.Message}");
            return BadInput;
        }
        var partial = target + ".partial";
        try
        {
            await services.GetRequiredService<DatabaseStartup>().PrepareAsync();
            await services.GetRequiredService<SiteSettingsStore>().LoadAsync();
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using var scope = services.CreateAsyncScope();
            var export = scope.ServiceProvider.GetRequiredService<SiteExport>();
            try
            {
                await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await export.WriteAsync(format, file, DefaultBaseUrl, CancellationToken.None);
                }
                File.Move(partial, target, overwrite: true);
            }
            finally
            {
                // Whatever stopped it, half a file is never left to pass for an export.
                TryDelete(partial);
            }
            var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
            var articles = await db.Articles.CountAsync();
            var comments = await db.Comments.CountAsync();
            var size = new FileInfo(target).Length;
            Console.WriteLine($"Exported {articles} articles and {comments} comments as {(format == ExportFormat.Json ? "JSON" : "a WordPress export (WXR 1.2)")} "
                + $"to '{target}' ({size / 1024.0 / 1024.0:0.0} MB).");
            if (format == ExportFormat.WordPress && string.IsNullOrWhiteSpace(services.GetRequiredService<IOptionsMonitor<SiteOptions>>().CurrentValue.BaseUrl))
            {
                Console.WriteLine($"Its links start with {DefaultBaseUrl}: set Site:BaseUrl to the site's public address to have them right.");
            }
            return 0;
        }
        catch (GazetteStartupException e)
        {
            Console.Error.WriteLine($"export: Gazette could not start. {e.Message}");
            TryDelete(partial);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbUpdateException or System.Data.Common.DbException)
        {
            Console.Error.WriteLine($"export: could not write '{target}': {e.Message}");
            TryDelete(partial);
            return 1;
        }
    }

    private static (ExportFormat Format, string Target) Parse(string[] args)
    {
        if (args.Length < 2 || !ExportFormats.TryParse(args[1], out var format))
        {
            throw new ArgumentException(args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal)
                ? Usage
                : $"there is no export \"{args[1]}\". {Usage}");
        }
        string? target = null;
        for (var i = 2; i < args.Length; i++)
        {
            var (option, value) = args[i].Split('=', 2) is [var key, var inline] && key.StartsWith("--", StringComparison.Ordinal)
                ? (key, inline)
                : (args[i], null);
            if (option == "--to")
            {
                target = value ?? (i + 1 < args.Length ? args[++i] : throw new ArgumentException($"--to needs a file name. {Usage}"));
            }
            else if (option.StartsWith("--", StringComparison.Ordinal)
                && (option.Contains(':') || HostOptions.Contains(option, StringComparer.OrdinalIgnoreCase)))
            {
                i += value is null ? 1 : 0; // the site's own configuration, read by the host
            }
            else
            {
                throw new ArgumentException($"unknown option \"{args[i]}\". {Usage}");
            }
        }
        return (format, string.IsNullOrWhiteSpace(target) ? throw new ArgumentException($"--to is required. {Usage}") : target);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind with its .partial name, which says what it is.
        }
    }
}
