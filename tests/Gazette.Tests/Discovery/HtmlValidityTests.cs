using System.Text;
using System.Text.Json;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Discovery;

/// <summary>
/// Issue 4: the public pages, the one-time setup page and the newsroom's pages are valid HTML by the W3C Nu HTML Checker (vnu.jar from tests/tools, run by Java),
/// all pages in one run because the checker starts slowly.
/// </summary>
[Trait(BrowserSide.Name, BrowserSide.Value)]
public sealed class HtmlValidityTests(HtmlValidityTests.Site site) : IClassFixture<HtmlValidityTests.Site>
{
    /// <summary>The demo site, its discussions cut by a small comment budget (issue 11: "more replies" links are checked too).</summary>
    public sealed class Site : GazetteFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Discussion:CommentBudget", PublicPages.CommentBudget)];
    }

    public static string VnuJar => Path.Combine(ExternalTools.RepositoryRoot, "tests", "tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    /// <summary>A page the checker must refuse, checked in the same run: a checker that finds nothing proves nothing.</summary>
    private const string Broken = "<!DOCTYPE html><html lang=\"en\"><head><title>Broken</title></head><body><p><div>unclosed</p></body></html>";

    [Fact]
    public async Task PublicPagesHaveNoHtmlErrors()
    {
        var java = ExternalTools.OnPath("java");
        ExternalTools.Require(java is not null && File.Exists(VnuJar),
            java is null ? "Java is not installed: apt-get install -y default-jre-headless" : "vnu.jar is missing: npm ci --prefix tests/tools");
        // Setup is open only until an administrator exists, so it is read before the staff pages' administrator is made.
        var pages = (await site.WithDbAsync(PublicPages.FindAsync)).Append(("one-time setup", "/setup")).ToList();
        var folder = Directory.CreateTempSubdirectory("gazette-html-").FullName;
        try
        {
            var files = new Dictionary<string, string>();
            async Task SaveAsync(HttpClient client, string name, string url, int expectedStatus)
            {
                using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
                Assert.True(expectedStatus == (int)response.StatusCode, $"{name} ({url}) answered {(int)response.StatusCode}");
                var file = Path.Combine(folder, $"page-{files.Count:00}.html");
                await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
                files[Path.GetFileName(file)] = $"{name} ({url})";
            }
            using (var reader = site.CreateReader())
            {
                foreach (var (name, url) in pages)
                {
                    await SaveAsync(reader, name, url, name == "not found" ? 404 : 200);
                }
            }
            using (var staff = await site.SignInAsStaffAsync(StaffPages.AdministratorEmail, Gazette.Accounts.Roles.Administrator))
            {
                foreach (var (name, url) in await site.WithDbAsync(StaffPages.FindAsync))
                {
                    await SaveAsync(staff.Http, name, url, 200);
                }
            }
            var broken = Path.Combine(folder, "broken.html");
            await File.WriteAllTextAsync(broken, Broken, TestContext.Current.CancellationToken);

            var run = await ExternalTools.RunAsync(java!, ["-jar", VnuJar, "--errors-only", "--format", "json", .. files.Keys.Select(f => Path.Combine(folder, f)), broken],
                TimeSpan.FromMinutes(3));

            var messages = ParseMessages(run);
            Assert.Contains(messages, m => m.File == "broken.html"); // the checker works
            var errors = messages.Where(m => m.File != "broken.html").ToList();
            Assert.True(errors.Count == 0, Describe(errors, files));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Message(string File, string Type, string Text, int Line, string Extract);

    /// <summary>vnu writes its JSON report on standard error: {"messages":[{"type","url","lastLine","message","extract"}]}.</summary>
    private static List<Message> ParseMessages(ExternalTools.Run run)
    {
        var json = run.Error.Trim();
        Assert.True(json.StartsWith('{'), $"vnu.jar did not report (exit {run.ExitCode}):\n{run.Error}\n{run.Output}");
        using var report = JsonDocument.Parse(json);
        return report.RootElement.GetProperty("messages").EnumerateArray().Select(m => new Message(
            // vnu names a file by a URL (file:/tmp/…/page-01.html); the name is enough here.
            Path.GetFileName(m.GetProperty("url").GetString()!),
            m.GetProperty("type").GetString()!,
            m.GetProperty("message").GetString()!,
            m.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0,
            m.TryGetProperty("extract", out var extract) ? extract.GetString()! : "")).ToList();
    }

    private static string Describe(List<Message> errors, Dictionary<string, string> pages)
    {
        var text = new StringBuilder($"{errors.Count} HTML error(s):\n");
        foreach (var error in errors)
        {
            text.AppendLine($"- {pages.GetValueOrDefault(error.File, error.File)}, line {error.Line}: {error.Text}\n    {error.Extract.ReplaceLineEndings(" ")}");
        }
        return text.ToString();
    }
}
