using Gazette.Data;
using Gazette.Infrastructure;
using Gazette.Scaling;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Administration;

/// <summary>
/// Reads and writes the SiteSettings table and hands its rows to the configuration (<see cref="SiteSettingsProvider"/>),
/// so a saved setting is what the next request sees. Each instance reads the table at start and after its own saves;
/// with Redis, the others are told to read it again (<see cref="InstanceMessages"/>), else they see the save when they restart.
/// </summary>
public sealed class SiteSettingsStore(
    IConfiguration configuration, IServiceScopeFactory scopes, WriteGate writes, TimeProvider clock, IOutputCacheStore pages, InstanceMessages instances,
    SiteCache siteCache)
{
    /// <summary>At start, once the database is ready, and when another instance saved: the saved settings join the configuration.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await ReloadAsync(scope.ServiceProvider.GetRequiredService<GazetteDb>(), cancellationToken);
    }

    /// <summary>Saves these values under their configuration keys, then lets the configuration and every cached page go.</summary>
    public async Task SaveAsync(GazetteDb db, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        if (values.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var transaction = await writes.BeginExclusiveAsync(db, cancellationToken))
        {
            var keys = values.Keys.ToList();
            var saved = await db.SiteSettings.Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, cancellationToken);
            foreach (var (key, value) in values)
            {
                if (saved.TryGetValue(key, out var setting))
                {
                    setting.Value = value;
                    setting.UpdatedAt = now;
                }
                else
                {
                    db.SiteSettings.Add(new SiteSetting { Key = key, Value = value, UpdatedAt = now });
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await ReloadAsync(db, cancellationToken);
        await instances.SettingsChangedAsync();
        // The name and tagline are on every page.
        await pages.EvictByTagAsync(PageCache.Everything, cancellationToken);
    }

    private async Task ReloadAsync(GazetteDb db, CancellationToken cancellationToken)
    {
        var values = await db.SiteSettings.AsNoTracking()
            .ToDictionaryAsync(s => s.Key, s => s.Value, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var providers = (configuration as IConfigurationRoot)?.Providers.OfType<SiteSettingsProvider>().ToList() ?? [];
        if (providers.Count == 0)
        {
            throw new InvalidOperationException("Saved site settings are not a configuration source: Program.cs must call builder.Configuration.AddSiteSettings().");
        }
        providers.ForEach(provider => provider.Replace(values));
        siteCache.SettingsReloaded();
    }
}
