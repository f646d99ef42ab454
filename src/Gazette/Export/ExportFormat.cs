using Gazette.Core.Text;

namespace Gazette.Export;

/// <summary>The two exports, by the name the command and the page use, with the file each one makes.</summary>
public enum ExportFormat
{
    Json,
    WordPress,
}

public static class ExportFormats
{
    public static bool TryParse(string? name, out ExportFormat format)
    {
        (var known, format) = name?.ToLowerInvariant() switch
        {
            "json" => (true, ExportFormat.Json),
            "wordpress" or "wxr" => (true, ExportFormat.WordPress),
            _ => (false, ExportFormat.Json),
        };
        return known;
    }

    public static string ContentType(ExportFormat format) =>
        format == ExportFormat.Json ? "application/json; charset=utf-8" : "application/rss+xml; charset=utf-8";

    /// <summary>A download's name: the site's name as a slug, the kind, the day (<c>my-paper-wordpress-2026-12-06.xml</c>).</summary>
    public static string FileName(ExportFormat format, string siteName, DateTime now)
    {
        var slug = Slug.From(siteName);
        var name = string.IsNullOrEmpty(slug) ? "gazette" : slug;
        return format == ExportFormat.Json
            ? $"{name}-export-{now:yyyy-MM-dd}.json"
            : $"{name}-wordpress-{now:yyyy-MM-dd}.xml";
    }
}
