using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Scaling;

/// <summary>Readers of sites run as processes: browsers from a chosen loopback address, scripts of the JSON API.</summary>
public static class Readers
{
    /// <summary>A browser whose connections come from this loopback address (127.0.0.2 …), as a reader elsewhere would.</summary>
    public static FormClient BrowserFrom(Uri address, string sourceAddress)
    {
        var cookies = new CookieContainer();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = cookies,
            UseCookies = true,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(sourceAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new FormClient(new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) }, cookies);
    }

    /// <summary>Sends a guest's comment through the article's form and returns the response (302 when posted).</summary>
    public static async Task<HttpResponseMessage> PostCommentAsync(FormClient browser, string articlePath, string text)
    {
        var form = await browser.GetFormAsync(articlePath + "/comment", "form.comment-form");
        return await form.Set("Body", text).SubmitAsync();
    }

    /// <summary>A script of the JSON API with its antiforgery token, as discussion.js would be.</summary>
    public sealed class Script : IDisposable
    {
        private readonly string token;

        private Script(HttpClient http, string token)
        {
            Http = http;
            this.token = token;
        }

        public HttpClient Http { get; }

        public static async Task<Script> StartAsync(Uri address, TimeSpan timeout)
        {
            var http = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer() })
            {
                BaseAddress = address,
                Timeout = timeout,
            };
            var answer = await http.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery", TestContext.Current.CancellationToken);
            return new Script(http, answer.GetProperty("token").GetString()!);
        }

        public async Task<HttpResponseMessage> PostCommentAsync(string articlePath, string text, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1{articlePath}/comments") { Content = JsonContent.Create(new { body = text }) };
            request.Headers.Add("X-CSRF-TOKEN", token);
            return await Http.SendAsync(request, cancellationToken);
        }

        public void Dispose() => Http.Dispose();
    }
}
