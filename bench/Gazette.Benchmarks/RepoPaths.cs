namespace Gazette.Benchmarks;

/// <summary>Finds the web project (its content root, with Demo/content and wwwroot) from wherever the benchmarks run.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> WebProjectFolder = new(FindWebProject);

    /// <summary>src/Gazette: the site's content root.</summary>
    public static string WebProject => WebProjectFolder.Value;

    public static string DemoContentFile => Path.Combine(WebProject, "Demo", "content", "demo-content.json");

    private static string FindWebProject()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "src", "Gazette");
                if (File.Exists(Path.Combine(candidate, "Gazette.csproj")))
                {
                    return candidate;
                }
            }
        }
        throw new InvalidOperationException(
            "Cannot find src/Gazette/Gazette.csproj above the current folder or the benchmarks' binaries: run from the repository.");
    }
}
