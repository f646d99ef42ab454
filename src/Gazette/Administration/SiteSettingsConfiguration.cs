namespace Gazette.Administration;

/// <summary>
/// The settings saved on /admin/settings as a configuration source, added last so that they win over appsettings.json,
/// the environment and the command line. It starts empty: the database is only there once the site has prepared it,
/// and <see cref="SiteSettingsStore"/> then fills it (and refills it after each save), which tells every
/// <c>IOptionsMonitor</c> bound to a section that its values changed.
/// </summary>
public sealed class SiteSettingsSource : IConfigurationSource
{
    /// <summary>Kept by the source, so a provider built again (when configuration sources change) starts with them.</summary>
    internal IReadOnlyDictionary<string, string> Values { get; set; } = new Dictionary<string, string>();

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new SiteSettingsProvider(this);
}

public sealed class SiteSettingsProvider(SiteSettingsSource source) : ConfigurationProvider
{
    public override void Load() =>
        Data = source.Values.ToDictionary(pair => pair.Key, pair => (string?)pair.Value, StringComparer.OrdinalIgnoreCase);

    internal void Replace(IReadOnlyDictionary<string, string> values)
    {
        source.Values = values;
        Load();
        OnReload();
    }
}

public static class SiteSettingsConfiguration
{
    /// <summary>Adds the saved site settings as the last, winning, configuration source.</summary>
    public static IConfigurationBuilder AddSiteSettings(this IConfigurationBuilder configuration) =>
        configuration.Add(new SiteSettingsSource());
}
