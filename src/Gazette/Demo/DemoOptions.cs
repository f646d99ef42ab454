namespace Gazette.Demo;

/// <summary>Section "Demo": the demo site loaded into an empty database.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Load the demo content when the database has no article. Turn off for a real site.</summary>
    public bool Enabled { get; set; } = true;
}
