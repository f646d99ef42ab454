using Gazette.Comments;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gazette.Tests.Moderation.Screening.ScreeningSite;

namespace Gazette.Tests.Moderation.Screening;

/// <summary>
/// Holding first comments, when the site turns it on: a writer (account, email or browser) with no approved comment
/// waits once; after a moderator approves, they are known. Off (the default), nobody waits for being new.
/// </summary>
public sealed class FirstCommentTests(FirstCommentTests.Site site) : IClassFixture<FirstCommentTests.Site>
{
    public sealed class Site : ScreeningSite
    {
        protected override IEnumerable<(string Name, string Value)> Rules => base.Rules.Append(("HoldFirstComment", "true"));
    }

    private Task ApproveAsync(int id) => site.WithDbAsync(db => db.Comments.Where(c => c.Id == id)
        .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, CommentStatus.Approved)));

    [Fact]
    public async Task AFirstCommentWaitsAndTheNextOneAfterApprovalDoesNot()
    {
        using var newcomer = site.Browser();

        var first = await PostedIdAsync(newcomer, "Long-time reader, first-time commenter.");
        var second = await PostedIdAsync(newcomer, "Still waiting, so here is another.");
        await ApproveAsync(first);
        var third = await PostedIdAsync(newcomer, "Now I am known here.");

        var reason = Assert.Single((await site.RecordAsync(first)).Reasons);
        Assert.Equal("first-comment", reason.Rule);
        Assert.Equal("It is the first comment from this writer; this site reads first comments before publishing them.", reason.Explanation);
        Assert.Equal(CommentStatus.Pending, (await site.CommentAsync(second)).Status);
        Assert.Equal(CommentStatus.Approved, (await site.CommentAsync(third)).Status);
    }

    [Fact]
    public async Task AKnownEmailIsKnownFromANewBrowser()
    {
        using var phone = site.Browser();
        using var laptop = site.Browser();
        var onPhone = await PostedIdAsync(phone, "From my phone.", email: "known@example.org");
        await ApproveAsync(onPhone);

        var onLaptop = await PostedIdAsync(laptop, "From my laptop.", email: "Known@Example.org");
        using var another = site.Browser();
        var anonymousOnLaptop = await PostedIdAsync(another, "From my laptop, without my email.");

        Assert.Equal(CommentStatus.Approved, (await site.CommentAsync(onLaptop)).Status);
        Assert.Equal(CommentStatus.Pending, (await site.CommentAsync(anonymousOnLaptop)).Status);
    }

    [Fact]
    public async Task AMembersAccountIsKnownWhateverTheBrowser()
    {
        await site.EnsureUserAsync("first-member@example.com", "First Member");
        using var firstBrowser = await site.SignInAsStaffAsync("first-member@example.com");
        var first = await PostedIdAsync(firstBrowser, "Hello as a member.");
        await ApproveAsync(first);
        using var secondBrowser = await site.SignInAsStaffAsync("first-member@example.com");

        var second = await PostedIdAsync(secondBrowser, "Hello again from elsewhere.");

        Assert.Equal("first-comment", Assert.Single((await site.RecordAsync(first)).Reasons).Rule);
        Assert.Equal(CommentStatus.Approved, (await site.CommentAsync(second)).Status);
    }

    [Fact]
    public async Task WithTheRuleOffANewcomerIsPublished()
    {
        await site.UseRulesAsync(("HoldFirstComment", "false"));
        try
        {
            using var newcomer = site.Browser();

            var id = await PostedIdAsync(newcomer, "New here, and published at once.");

            Assert.Equal(CommentStatus.Approved, (await site.CommentAsync(id)).Status);
        }
        finally
        {
            await site.UseRulesAsync();
        }
    }
}
