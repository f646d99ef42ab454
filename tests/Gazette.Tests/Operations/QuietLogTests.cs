using System.Net;
using Gazette.Tests.Infrastructure;
using Gazette.Tests.Newsroom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Gazette.Tests.Operations;

/// <summary>
/// At its default levels (appsettings.json: Information, Warning for Microsoft.AspNetCore and EF Core) the log holds
/// only what someone running the site should act on: a short session as a reader and as an editor wrote 78 identical
/// antiforgery warnings about overridden Cache-Control headers (issue 11). Pages with a form send no-cache, no-store
/// themselves, so no proxy keeps them and antiforgery has nothing to override.
/// </summary>
public sealed class QuietLogTests(QuietLogTests.Site site) : IClassFixture<QuietLogTests.Site>
{
    private const string Story = "/articles/corvex-nova-7-review";

    /// <summary>The demo site, logging at the levels it ships with, every line kept.</summary>
    public sealed class Site : GazetteFactory
    {
        public TestLogSink Logs { get; } = new();

        // GazetteFactory quietens the log to Warning for the whole suite: back to what appsettings.json says.
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Logging:LogLevel:Default", "Information")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // No rule of its own: the sink gets what the configured levels let through, as the console would.
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }

    [Fact]
    public async Task AReadersAndAnEditorsSessionLogNoWarning()
    {
        using var reader = new FormClient(site);
        await reader.GetPageAsync(Story);
        // What start-up says is for whoever runs the site (on PostgreSQL without Redis, that instances share nothing).
        var startUp = site.Logs.Messages.Count;
        using var posted = await (await reader.GetFormAsync($"{Story}/comment", "form.comment-form"))
            .Set("AuthorName", "Quiet Reader").Set("Body", "A comment that should not make the log any louder.").SubmitAsync();
        var id = int.Parse(posted.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        await reader.FollowAsync(posted, expectedStatus: 302);
        using var replied = await (await reader.GetFormAsync($"{Story}/comment?replyTo={id}", "form.comment-form"))
            .Set("Body", "And a reply to it.").SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        await reader.GetPageAsync(Story);
        await reader.GetPageAsync("/account/sign-in");
        await reader.GetPageAsync("/account/sign-up");

        using var editor = await site.SignInAsEditorAsync();
        await editor.GetPageAsync("/admin/articles");
        var article = await site.WithDbAsync(db => Task.FromResult(db.Articles.Where(a => a.Slug == "corvex-nova-7-review").Select(a => a.Id).Single()));
        await editor.EditAsync(article, "Save", form => form.Set("Input.Note", "A quiet save."));
        await editor.GetPageAsync("/admin/moderation");

        var loud = site.Logs.Messages.Skip(startUp).Where(m => m.Level >= LogLevel.Warning).ToList();
        Assert.True(loud.Count == 0, string.Join("\n", loud.Select(m => $"{m.Level} {m.Category}: {m.Message}")));
    }

    [Theory]
    [InlineData(Story + "/comment")]
    [InlineData("/account/sign-in")]
    [InlineData("/account/sign-up")]
    [InlineData("/admin/articles/new")]
    [InlineData("/admin/moderation")]
    [InlineData("/admin/settings")]
    public async Task APageWithAFormIsKeptByNoCache(string url)
    {
        using var admin = await site.SignInAsAdministratorAsync();

        using var response = await admin.Http.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl is { NoCache: true, NoStore: true }, $"{url}: Cache-Control {response.Headers.CacheControl}");
        Assert.Contains("no-cache", response.Headers.Pragma.Select(p => p.Name));
    }
}
