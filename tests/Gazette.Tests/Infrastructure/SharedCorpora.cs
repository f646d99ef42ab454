namespace Gazette.Tests.Infrastructure;

/// <summary>
/// The workplace's shared corpora live beside the repository (../shared/corpora). A missing corpus fails the test:
/// it is never a reason to skip.
/// </summary>
public static class SharedCorpora
{
    public static string PathOf(string fileName)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "corpora", fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"shared/corpora/{fileName} was not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>The Big List of Naughty Strings: every line that is not a comment or empty.</summary>
    public static IReadOnlyList<string> NaughtyStrings() =>
        File.ReadAllLines(PathOf("blns.txt")).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
}
