using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gazette.Tests.Browser;

/// <summary>
/// axe-core run in the page itself, for pages without frames. Deque.AxeCore.Playwright's RunAxe finishes every run in
/// a new blank page (axe's partial-results protocol, made for frames of other origins): about 2 s a call on this
/// machine against 0.1 s for axe.run, which made the accessibility tests the slowest part of CI. Pages with frames
/// (an embed once loaded) keep RunAxe, which checks inside each frame.
/// </summary>
public static class AxeInPage
{
    private static readonly Lazy<string> Source = new(() => new BundledAxeScriptProvider().GetScript());

    public static async Task<AxeResult> CheckAxeAsync(this IPage page, AxeRunOptions options)
    {
        // Evaluated through the DevTools protocol, which the site's strict CSP does not govern (a script tag would be refused).
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }
        // As text: Playwright hands back objects met twice (axe shares its rules' tag lists) as references, which AxeResult cannot read.
        var result = await page.EvaluateAsync<string>("async options => JSON.stringify(await axe.run(document, JSON.parse(options)))",
            JsonConvert.SerializeObject(options));
        return new AxeResult(JObject.Parse(result));
    }
}
