using Gazette.Moderation.Limits;
using Microsoft.AspNetCore.Http;

namespace Gazette.Tests.Privacy;

/// <summary>Which requests count as writes, and of which kind: by address, or by a mark on the endpoint.</summary>
public sealed class WriteRoutesTests
{
    private static WriteKind KindOf(string method, string path, Endpoint? endpoint = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.SetEndpoint(endpoint);
        return WriteRoutes.KindOf(context);
    }

    [Theory]
    [InlineData("POST", "/articles/some-story/comment", WriteKind.Comment)]
    [InlineData("POST", "/Articles/Some-Story/Comment/", WriteKind.Comment)]
    [InlineData("POST", "/api/v1/articles/some-story/comments", WriteKind.Comment)]
    [InlineData("POST", "/comments/12/edit", WriteKind.Edit)]
    [InlineData("POST", "/comments/12/delete", WriteKind.Edit)]
    [InlineData("POST", "/comments/12/status", WriteKind.Edit)]
    [InlineData("PATCH", "/api/v1/comments/12", WriteKind.Edit)]
    [InlineData("DELETE", "/api/v1/comments/12", WriteKind.Edit)]
    [InlineData("POST", "/comments/12/vote", WriteKind.Vote)]
    [InlineData("POST", "/api/v1/comments/12/vote", WriteKind.Vote)]
    [InlineData("POST", "/comments/12/flag", WriteKind.Flag)]
    [InlineData("POST", "/api/v1/comments/12/flags", WriteKind.Flag)]
    [InlineData("POST", "/account/sign-in", WriteKind.Account)]
    [InlineData("POST", "/account/sign-up", WriteKind.Account)]
    [InlineData("POST", "/account/forgot-password", WriteKind.Account)]
    [InlineData("POST", "/account/reset-password", WriteKind.Account)]
    [InlineData("GET", "/articles/some-story/comment", WriteKind.None)]
    [InlineData("HEAD", "/comments/12/vote", WriteKind.None)]
    [InlineData("GET", "/api/v1/articles/some-story/comments", WriteKind.None)]
    [InlineData("POST", "/account/sign-out", WriteKind.None)]
    [InlineData("POST", "/admin/settings", WriteKind.None)]
    [InlineData("POST", "/articles/some-story/comment/extra", WriteKind.None)]
    public void WritesAreKnownByTheirAddress(string method, string path, WriteKind expected) =>
        Assert.Equal(expected, KindOf(method, path));

    [Fact]
    public void AnEndpointMarkedAsAWriteIsLimitedWhateverItsAddress()
    {
        var marked = new Endpoint(null, new EndpointMetadataCollection(new RateLimitedWriteAttribute(WriteKind.Flag)), "report");

        Assert.Equal(WriteKind.Flag, KindOf("POST", "/report-this", marked));
        Assert.Equal(WriteKind.None, KindOf("GET", "/report-this", marked));
    }
}
