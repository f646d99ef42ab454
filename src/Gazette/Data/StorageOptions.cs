namespace Gazette.Data;

/// <summary>Section "Storage": where Gazette keeps its files.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The data folder: the SQLite database and uploaded media. Relative paths start at the content root.</summary>
    public string DataFolder { get; set; } = "data";

    public string DataPath(string contentRoot) => Path.GetFullPath(DataFolder, contentRoot);
}
