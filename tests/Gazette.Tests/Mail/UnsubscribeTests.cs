using Gazette.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Mail;

/// <summary>Issue 12: a one-click unsubscribe POST with a signed link records a suppression; a forged link is refused.</summary>
public sealed class UnsubscribeTests
{
    [Fact]
    public async Task AOneClickPostWithASignedLinkStopsThatListForThatAddressAndAForgedOneIsRefused()
    {
        await using var site = new MailSite();
        var links = site.Services.GetRequiredService<UnsubscribeLinks>();
        var url = new Uri(links.Url("https://news.example.org", "Ann@Example.org", "replies"));
        using var reader = site.CreateReader();
        using var oneClick = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);

        using var response = await reader.PostAsync(url.PathAndQuery, oneClick, TestContext.Current.CancellationToken);
        using var again = await reader.PostAsync(url.PathAndQuery, oneClick, TestContext.Current.CancellationToken);
        using var forged = await reader.PostAsync(url.PathAndQuery.Replace("t=", "t=x"), oneClick, TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(200, (int)again.StatusCode);
        Assert.Equal(400, (int)forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        var suppressed = await site.WithDbAsync(db => db.MailSuppressions.AsNoTracking().Select(s => new { s.Address, s.List }).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal([new { Address = "ann@example.org", List = "replies" }], suppressed);
        var list = new Gazette.Core.Mail.MailList("replies", url.AbsoluteUri);
        Assert.Null(await site.WithDbAsync(db => site.Services.GetRequiredService<Outbox>()
            .QueueAsync<Gazette.Mail.Templates.TestMail>(db, new MailRecipient("ann@example.org"), list: list, cancellationToken: TestContext.Current.CancellationToken)));
    }
}
