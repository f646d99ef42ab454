using Gazette.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gazette.Export;

/// <summary>One entry for the command and the page: the export of a format, written to a stream.</summary>
public sealed class SiteExport(JsonExport json, WordPressExport wordPress, IOptionsMonitor<SiteOptions> site)
{
    /// <param name="requestBaseUrl">Where the site answers, for WordPress's links when Site:BaseUrl is not set.</param>
    public Task WriteAsync(ExportFormat format, Stream output, string requestBaseUrl, CancellationToken cancellation) =>
        format == ExportFormat.Json
            ? json.WriteAsync(output, cancellation)
            : wordPress.WriteAsync(output, string.IsNullOrWhiteSpace(site.CurrentValue.BaseUrl) ? requestBaseUrl : site.CurrentValue.BaseUrl, cancellation);
}
