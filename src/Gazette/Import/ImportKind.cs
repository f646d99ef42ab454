namespace Gazette.Import;

public enum ImportKind
{
    WordPress,
    Disqus,

    /// <summary>A Gazette export (<c>export json</c>), restored into an empty Gazette.</summary>
    Json,
}

/// <summary>What an import is asked to do, from the command line or /admin/import.</summary>
public sealed record ImportRequest(ImportKind Kind, bool DryRun = false, string? UploadsFolder = null, string? OldBaseUrl = null, bool SkipPings = false)
{
    public string SourceName => Kind switch { ImportKind.WordPress => "WordPress", ImportKind.Json => "Gazette JSON", _ => "Disqus" };

    /// <summary>Runs the import in a scope of its own, filling <paramref name="report"/> as it goes.</summary>
    public async Task RunAsync(IServiceProvider services, Stream file, ImportReport report, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        if (Kind == ImportKind.WordPress)
        {
            await scope.ServiceProvider.GetRequiredService<WordPressImport>()
                .RunAsync(file, new WordPressImportOptions(DryRun, UploadsFolder, OldBaseUrl, SkipPings), report, cancellationToken);
        }
        else if (Kind == ImportKind.Json)
        {
            await scope.ServiceProvider.GetRequiredService<JsonImport>().RunAsync(file, DryRun, report, cancellationToken);
        }
        else
        {
            await scope.ServiceProvider.GetRequiredService<DisqusImport>().RunAsync(file, DryRun, OldBaseUrl, report, cancellationToken);
        }
        if (!DryRun)
        {
            // Pages of this instance that show what changed (the others hear of it as for any change made elsewhere).
            scope.ServiceProvider.GetRequiredService<Infrastructure.SiteCache>().ForgetAllArticles();
            await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>()
                .EvictByTagAsync(Infrastructure.PageCache.Everything, cancellationToken);
        }
    }
}
