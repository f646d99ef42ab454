using Gazette.Core.Mail;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Gazette.Mail;

/// <summary>
/// Renders a mail template, a Razor component in Mail/Templates (or a feature's own folder), with ASP.NET Core's
/// <see cref="HtmlRenderer"/>: the HTML part as rendered, the subject from its &lt;title&gt;, the plain-text part read
/// from the HTML (<see cref="MailText"/>), so that a template's words live in one place, ready for translation.
/// </summary>
public sealed class MailRenderer(IServiceScopeFactory scopes, ILoggerFactory logs)
{
    /// <summary>One mail, in a renderer of its own.</summary>
    public async Task<RenderedMail> RenderAsync<TTemplate>(IReadOnlyDictionary<string, object?> parameters)
        where TTemplate : IComponent
    {
        await using var session = Start();
        return await session.RenderAsync<TTemplate>(parameters);
    }

    /// <summary>A renderer for many mails (a batch of notifications): one service scope and one renderer for them all.</summary>
    public Session Start() => new(scopes.CreateAsyncScope(), logs);

    /// <summary>
    /// Keeps every component it rendered until it is disposed (that is how <see cref="HtmlRenderer"/> works): one per
    /// batch, not one per site.
    /// </summary>
    public sealed class Session : IAsyncDisposable
    {
        private readonly AsyncServiceScope scope;
        private readonly HtmlRenderer renderer;

        internal Session(AsyncServiceScope scope, ILoggerFactory logs)
        {
            this.scope = scope;
            renderer = new HtmlRenderer(scope.ServiceProvider, logs);
        }

        public async Task<RenderedMail> RenderAsync<TTemplate>(IReadOnlyDictionary<string, object?> parameters)
            where TTemplate : IComponent
        {
            var html = await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var output = await renderer.RenderComponentAsync<TTemplate>(ParameterView.FromDictionary(parameters.ToDictionary()));
                return output.ToHtmlString();
            });
            html = "<!DOCTYPE html>\n" + html;
            var (subject, text) = MailText.Read(html);
            if (subject.Length == 0)
            {
                throw new InvalidOperationException($"The mail template {typeof(TTemplate).Name} has no subject: give its MailLayout a Subject.");
            }
            return new RenderedMail(subject, html, text);
        }

        public async ValueTask DisposeAsync()
        {
            await renderer.DisposeAsync();
            await scope.DisposeAsync();
        }
    }
}
