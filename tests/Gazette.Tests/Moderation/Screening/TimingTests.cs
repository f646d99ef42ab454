using System.Net;
using Gazette.Comments;
using Gazette.Moderation.Screening;
using static Gazette.Tests.Moderation.Screening.ScreeningSite;

namespace Gazette.Tests.Moderation.Screening;

/// <summary>
/// The least time between showing the comment form and posting it (3 seconds here), measured on the site's clock:
/// sooner is kept as spam without a word; the JSON API, which no person types into, is not timed.
/// </summary>
public sealed class TimingTests(TimingTests.TimedSite site) : IClassFixture<TimingTests.TimedSite>
{
    public sealed class TimedSite : ScreeningSite
    {
        // Configuration, not a saved rule: the tests' configuration turns the timing off, and it wins over saved rules.
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            base.Settings.Append(new("Moderation:MinSecondsBeforePost", "3"));
    }

    [Fact]
    public async Task AFormSentAtOnceIsKeptAsSpamWithoutAWord()
    {
        using var author = site.Browser();
        var before = await site.StoredCountAsync();

        var id = await PostedIdAsync(author, "Typed at the speed of a program.");

        var comment = await site.CommentAsync(id);
        Assert.Equal(CommentStatus.Spam, comment.Status);
        var reason = Assert.Single((await site.RecordAsync(id)).Reasons);
        Assert.Equal("too-fast", reason.Rule);
        Assert.Equal("It was sent 0 seconds after the form was shown; people take at least 3.", reason.Explanation);
        Assert.Equal(before, await site.StoredCountAsync());
        // The poster sees what any poster sees.
        Assert.NotNull((await author.GetPageAsync(ScreeningSite.Open)).GetElementById($"comment-{id}"));
        Assert.Null((await site.GetPageAsync(ScreeningSite.Open)).GetElementById($"comment-{id}"));
    }

    [Fact]
    public async Task AFormSentAfterTheLeastTimeIsPublished()
    {
        using var author = site.Browser();
        var form = await author.GetFormAsync(WriteUrl, "form.comment-form");
        site.Clock.Advance(TimeSpan.FromSeconds(3));

        using var response = await form.Set("Body", "Read, thought, then typed.").SubmitAsync();

        var id = int.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(CommentStatus.Approved, (await site.CommentAsync(id)).Status);
    }

    [Fact]
    public async Task AFormWithoutItsTimeOrWithAForgedOneIsSpam()
    {
        using var author = site.Browser();
        var missing = await author.GetFormAsync(WriteUrl, "form.comment-form");
        var forged = await author.GetFormAsync(WriteUrl, "form.comment-form");
        site.Clock.Advance(TimeSpan.FromSeconds(10));

        using var withoutTime = await missing.Without(FormTiming.ShownField).Set("Body", "No time at all").SubmitAsync();
        using var withForgedTime = await forged.Set(FormTiming.ShownField, "CfDJ8-forged").Set("Body", "A forged time").SubmitAsync();

        foreach (var response in new[] { withoutTime, withForgedTime })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var id = int.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(CommentStatus.Spam, (await site.CommentAsync(id)).Status);
            Assert.Equal("too-fast", Assert.Single((await site.RecordAsync(id)).Reasons).Rule);
        }
    }

    [Fact]
    public async Task AFormShownAgainAfterARefusalKeepsTheTimeItWasFirstShown()
    {
        using var author = site.Browser();
        var form = await author.GetFormAsync(WriteUrl, "form.comment-form");
        site.Clock.Advance(TimeSpan.FromSeconds(5));
        using var refused = await form.Set("Body", "   ").SubmitAsync();
        var again = author.Form(await author.ReadPageAsync(refused, expectedStatus: 400), "form.comment-form");

        using var response = await again.Set("Body", "Fixed it at once.").SubmitAsync();

        var id = int.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(CommentStatus.Approved, (await site.CommentAsync(id)).Status);
    }

    [Fact]
    public async Task TheJsonApiIsNotTimed()
    {
        using var script = site.Script();

        var id = await script.CommentAsync(Slug, "Posted by a script, at once.");

        Assert.Equal(CommentStatus.Approved, (await site.CommentAsync(id)).Status);
    }
}
