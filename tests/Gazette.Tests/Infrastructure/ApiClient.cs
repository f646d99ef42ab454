using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Gazette.Tests.Infrastructure;

/// <summary>A script talking to the JSON API as a page's JavaScript would: its own cookies, the antiforgery header.</summary>
public sealed class ApiClient : IDisposable
{
    private string? token;

    public ApiClient(WebApplicationFactory<Program> site, string? clientIp = null)
    {
        Http = site.CreateDefaultClient(new CookieContainerHandler());
        if (clientIp is not null)
        {
            Http.DefaultRequestHeaders.Add(ClientIpHeader, clientIp);
        }
    }

    /// <summary>Read by the test sites' start-up filter to stand in for the connection's address.</summary>
    public const string ClientIpHeader = "X-Test-Client-Ip";

    public HttpClient Http { get; }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, bool withToken = true)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        if (withToken)
        {
            token ??= (await Http.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery", TestContext.Current.CancellationToken)).GetProperty("token").GetString();
            request.Headers.Add("X-CSRF-TOKEN", token);
        }
        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> PostAsync(string url, object body) => SendAsync(HttpMethod.Post, url, body);

    /// <summary>Posts a comment and returns its id, asserting it was created.</summary>
    public async Task<int> CommentAsync(string articleSlug, string body, int? parentId = null, string? name = null)
    {
        using var response = await PostAsync($"/api/v1/articles/{articleSlug}/comments", new { body, parentId, authorName = name });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    public void Dispose() => Http.Dispose();
}
