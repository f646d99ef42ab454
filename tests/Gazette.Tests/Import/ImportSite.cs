using Gazette.Import;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Import;

/// <summary>An empty site, and the import command run in it as from the command line (issue 13).</summary>
public class ImportSite : EmptyGazetteFactory
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "import", name);

    public static string WordPressExport => Fixture("wordpress-export.xml");
    public static string DisqusExport => Fixture("disqus-export.xml");
    public static string Uploads => Fixture("uploads");

    /// <summary>Runs <c>import ARGS…</c>: its exit code, the report (standard output) and what it said on standard error.</summary>
    public async Task<(int Exit, string Report, string Errors)> ImportAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await ImportCommand.RunAsync(Services, ["import", .. args], output, errors);
        return (exit, output.ToString(), errors.ToString());
    }
}
