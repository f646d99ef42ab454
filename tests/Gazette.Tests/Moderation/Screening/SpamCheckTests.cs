using System.Net;
using Gazette.Comments;
using Gazette.Moderation;
using Gazette.Moderation.Screening;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Gazette.Tests.Moderation.Screening.ScreeningSite;

namespace Gazette.Tests.Moderation.Screening;

/// <summary>The built-in spam score, signal by signal, and a site's own spam check put in its place.</summary>
public sealed class SpamCheckTests
{
    private static readonly SpamScoring Scoring = new(new ScreeningWordLists(new FixedOptions(new ModerationOptions())));

    private static async Task<SpamVerdict> ScoreAsync(string body, string? name = null, bool first = false) =>
        await Scoring.CheckAsync(new SpamCheckInput(body, name, null, IsMember: false, IsFirstComment: first, Links.In(body), "story", null, IsEdit: false),
            TestContext.Current.CancellationToken);

    [Fact]
    public async Task AnOrdinaryCommentScoresNothing()
    {
        var verdict = await ScoreAsync("I have had this phone for a year and the battery is still fine.");

        Assert.Equal(0, verdict.Score);
        Assert.Empty(verdict.Signals);
    }

    [Theory]
    [InlineData("See https://example.org/review, it covers the battery tests in detail.", 0.15, "a link")]
    [InlineData("https://example.org/x", 0.35, "little text besides the links")]
    [InlineData("THIS PHONE IS THE WORST THING I HAVE EVER BOUGHT", 0.25, "mostly capital letters")]
    [InlineData("Nooooooo, not the headphone jack again", 0.15, "the same character many times in a row")]
    [InlineData("Best online casino bonus for everyone", 0.3, "words common in spam: “casino”")]
    public async Task EachSignalAddsItsShare(string body, double score, string signal)
    {
        var verdict = await ScoreAsync(body);

        Assert.Equal(score, verdict.Score);
        Assert.Contains(signal, verdict.Signals);
    }

    [Fact]
    public async Task SignalsTogetherReachTheThresholdAndNameWhatTheyFound()
    {
        var verdict = await ScoreAsync("CLICK HERE!!!!!!! Casino https://a.example https://b.example", name: "cheap-pills.example.com", first: true);

        Assert.Equal(1, verdict.Score);
        Assert.Contains("a web address as the name", verdict.Signals);
        Assert.Contains("a first comment", verdict.Signals);
        Assert.Contains("!!!!!!!", verdict.Matches);
        Assert.Contains("https://a.example", verdict.Matches);
        Assert.Contains("Casino", verdict.Matches);
    }

    [Fact]
    public async Task NoLineOfTheNaughtyStringsReachesTheDefaultThreshold()
    {
        var threshold = new ModerationOptions().SpamScoreHoldThreshold;
        var over = new List<string>();

        foreach (var line in SharedCorpora.NaughtyStrings())
        {
            if ((await ScoreAsync(line, first: true)).Score >= threshold)
            {
                over.Add(line);
            }
        }

        Assert.Empty(over);
    }

    [Fact]
    public async Task ASitesOwnSpamCheckTakesThePlaceOfTheBuiltInOne()
    {
        await using var site = new ScreeningSite();
        await using var withOwnCheck = site.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<ISpamCheck, KeywordCheck>()));
        using var script = new ApiClient(withOwnCheck);

        var clean = await script.CommentAsync(Slug, "A perfectly ordinary comment.");
        var doubtful = await script.CommentAsync(Slug, "A comment about widgets.");
        var spam = await script.CommentAsync(Slug, "Buy gadgets here.");

        Assert.Equal(CommentStatus.Approved, (await site.CommentAsync(clean)).Status);
        Assert.Equal(CommentStatus.Pending, (await site.CommentAsync(doubtful)).Status);
        var reason = Assert.Single((await site.RecordAsync(doubtful)).Reasons);
        Assert.Equal("spam-check", reason.Rule);
        Assert.Equal("The spam check scored it 0.80 out of 1 (mentions widgets).", reason.Explanation);
        Assert.Equal(["widgets"], reason.Matches);
        Assert.Equal(CommentStatus.Spam, (await site.CommentAsync(spam)).Status);
        Assert.Equal(0.99, (await site.CommentAsync(spam)).SpamScore);
    }

    /// <summary>Stands for a remote service such as Akismet: doubtful about widgets, sure about gadgets.</summary>
    private sealed class KeywordCheck : ISpamCheck
    {
        public Task<SpamVerdict> CheckAsync(SpamCheckInput input, CancellationToken cancellationToken) => Task.FromResult(
            input.Body.Contains("gadgets", StringComparison.Ordinal) ? new SpamVerdict(0.99, ["sells gadgets"], ["gadgets"], IsSpam: true)
            : input.Body.Contains("widgets", StringComparison.Ordinal) ? new SpamVerdict(0.8, ["mentions widgets"], ["widgets"])
            : SpamVerdict.Clean);
    }

    private sealed class FixedOptions(ModerationOptions value) : IOptionsMonitor<ModerationOptions>
    {
        public ModerationOptions CurrentValue => value;

        public ModerationOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ModerationOptions, string?> listener) => null;
    }
}
