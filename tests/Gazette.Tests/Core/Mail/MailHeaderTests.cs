using Gazette.Core.Mail;

namespace Gazette.Tests.Core.Mail;

public sealed class MailHeaderTests
{
    [Fact]
    public void AMessageIdIsNewEachTimeOnTheSitesDomain()
    {
        var first = MessageIds.New("News.Example.org.");
        var second = MessageIds.New("news.example.org");

        Assert.Matches("^<[0-9a-f]{32}@news\\.example\\.org>$", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void ADiscussionsIdIsTheSameForTheSameKeyAndDiffersForAnother()
    {
        Assert.Equal(MessageIds.ForThread("article:42", "news.example.org"), MessageIds.ForThread("article:42", "news.example.org"));
        Assert.NotEqual(MessageIds.ForThread("article:42", "news.example.org"), MessageIds.ForThread("article:43", "news.example.org"));
        Assert.Matches("^<thread\\.[0-9a-f]{32}@news\\.example\\.org>$", MessageIds.ForThread("article: <42>", "news.example.org"));
    }

    [Fact]
    public void AOneOffMessageSaysOnlyThatAMachineSentIt()
    {
        Assert.Equal([new("Auto-Submitted", "auto-generated")], ListHeaders.For((MailList?)null, "news.example.org"));
    }

    [Fact]
    public void AMessageOfASeriesNamesItsListAndHowToLeaveItWithOneClick()
    {
        var list = new MailList("Replies", "https://news.example.org/mail/unsubscribe?t=a b", "Replies to \"you\"");

        var headers = ListHeaders.For(list, "news.example.org");

        Assert.Equal(
            [
                new("Auto-Submitted", "auto-generated"),
                new("List-Id", "\"Replies to you\" <replies.news.example.org>"),
                new("List-Unsubscribe", "<https://news.example.org/mail/unsubscribe?t=a%20b>"),
                new("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            ],
            headers);
    }

    [Theory]
    [InlineData("re plies", "https://x.example/u")]
    [InlineData("replies", "/mail/unsubscribe")]
    [InlineData("replies", "mailto:leave@example.org")]
    public void AListNeedsASimpleNameAndAnAbsoluteWebLink(string name, string link)
    {
        Assert.Throws<ArgumentException>(() => new MailList(name, link));
    }

    [Fact]
    public void RetriesWaitTwiceAsLongEachTimeUpToTheCeilingThenGiveUp()
    {
        var schedule = new RetrySchedule(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(4), MaxAttempts: 6);

        var delays = Enumerable.Range(1, 6).Select(schedule.DelayAfter).ToList();

        Assert.Equal(
            [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(4), null],
            delays);
    }
}
