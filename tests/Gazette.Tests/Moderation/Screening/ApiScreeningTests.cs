using System.Net;
using Gazette.Comments;
using Gazette.Tests.Infrastructure;
using static Gazette.Tests.Moderation.Screening.ScreeningSite;

namespace Gazette.Tests.Moderation.Screening;

/// <summary>The same rules for scripts: problem details naming the field, 409 for the same text again, and the answer saying a comment waits.</summary>
public sealed class ApiScreeningTests(ScreeningSite site) : IClassFixture<ScreeningSite>
{
    private const string Comments = $"/api/v1/articles/{Slug}/comments";

    [Fact]
    public async Task AnOrdinaryCommentIsCreatedAndDoesNotWait()
    {
        using var script = site.Script();

        using var response = await script.PostAsync(Comments, new { body = "Posted from a script, politely." });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = await ApiClient.JsonAsync(response);
        Assert.False(answer.GetProperty("awaitingModeration").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, answer.GetProperty("statusUrl").ValueKind);
    }

    [Fact]
    public async Task ABannedWordIsAValidationProblemNamingTheBody()
    {
        using var script = site.Script();

        using var response = await script.PostAsync(Comments, new { body = "Only a muppet believes this." });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiClient.JsonAsync(response);
        Assert.Equal("Your comment contains the word “muppet”, which this site does not allow. Change it and post again.",
            problem.GetProperty("errors").GetProperty("body")[0].GetString());
    }

    [Fact]
    public async Task ABannedNameIsAValidationProblemNamingTheName()
    {
        using var script = site.Script();

        using var response = await script.PostAsync(Comments, new { body = "Fine words.", authorName = "Muppet King" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ApiClient.JsonAsync(response)).GetProperty("errors").TryGetProperty("authorName", out _));
    }

    [Fact]
    public async Task AHeldCommentIsCreatedAndSaysItWaitsWithWhereToReadWhy()
    {
        using var script = site.Script();

        using var response = await script.PostAsync(Comments, new { body = "Honestly this is bullshit." });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = await ApiClient.JsonAsync(response);
        var id = answer.GetProperty("id").GetInt32();
        Assert.True(answer.GetProperty("awaitingModeration").GetBoolean());
        Assert.Equal($"/comments/{id}/status", answer.GetProperty("statusUrl").GetString());
        Assert.Equal(CommentStatus.Pending, (await site.CommentAsync(id)).Status);
        var thread = await ApiClient.JsonAsync(await script.Http.GetAsync(Comments, TestContext.Current.CancellationToken));
        Assert.DoesNotContain(thread.GetProperty("comments").EnumerateArray(), c => c.GetProperty("id").GetInt32() == id);
        using var one = await script.Http.GetAsync($"/api/v1/comments/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, one.StatusCode);
    }

    [Fact]
    public async Task TheSameTextAgainIsAConflict()
    {
        using var script = site.Script();
        await script.CommentAsync(Slug, "Scripts repeat themselves.");

        using var response = await script.PostAsync(Comments, new { body = "Scripts repeat themselves." });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("You already posted this comment.", (await ApiClient.JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ManyLinksAreHeldAndAFewAreNot()
    {
        using var script = site.Script();
        using var newcomer = site.Script();

        var few = await script.CommentAsync(Slug, "See https://example.org/review for the review.");
        // Four links and little else, from a writer with nothing published yet: the spam check holds it too.
        using var many = await newcomer.PostAsync(Comments,
            new { body = "http://a.example http://b.example http://c.example http://d.example cheap" });

        Assert.Equal(CommentStatus.Approved, (await site.CommentAsync(few)).Status);
        var id = (await ApiClient.JsonAsync(many)).GetProperty("id").GetInt32();
        var record = await site.RecordAsync(id);
        Assert.Equal(CommentStatus.Pending, (await site.CommentAsync(id)).Status);
        Assert.Equal(["links", "spam-check"], record.Reasons.Select(r => r.Rule));
        Assert.True(record.Score >= 0.7, $"score {record.Score}");
    }

    [Fact]
    public async Task AnEditAddingABannedWordIsRefusedAndAddingASuspectOneHolds()
    {
        using var script = site.Script();
        var id = await script.CommentAsync(Slug, "A calm first version.");
        var before = await site.StoredCountAsync();

        using var banned = await script.SendAsync(HttpMethod.Patch, $"/api/v1/comments/{id}", new { body = "A calm muppet version." });
        using var suspect = await script.SendAsync(HttpMethod.Patch, $"/api/v1/comments/{id}", new { body = "A calm but crappy version." });

        Assert.Equal(HttpStatusCode.BadRequest, banned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, suspect.StatusCode);
        var comment = await site.CommentAsync(id);
        Assert.Equal("A calm but crappy version.", comment.Body);
        Assert.Equal(CommentStatus.Pending, comment.Status);
        Assert.Equal(before - 1, await site.StoredCountAsync());
    }
}
