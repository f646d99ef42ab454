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
    public async Task<RenderedMail> RenderAsync<TTemplate>(IReadOnlyDictionary<string, object?> parameters)
        where TTemplate : IComponent
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, logs);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TTemplate>(ParameterView.FromDictionary(parameters.ToDictionary()));
            return output.ToHtmlString();
        });
        html = "<!DOCTYPE html>\n" + html;
        var subject = MailText.Title(html);
        if (subject.Length == 0)
        {
            throw new InvalidOperationException($"The mail template {typeof(TTemplate).Name} has no subject: give its MailLayout a Subject.");
        }
        return new RenderedMail(subject, html, MailText.FromHtml(html));
    }
}
