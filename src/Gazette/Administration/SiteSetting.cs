namespace Gazette.Administration;

/// <summary>
/// A site setting changed by an administrator, stored under its configuration key (for example <c>Site:Name</c>),
/// so that it overrides appsettings.json and the environment for that key.
/// </summary>
public sealed class SiteSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTime UpdatedAt { get; set; }
}
