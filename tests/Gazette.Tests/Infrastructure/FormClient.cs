using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// One browser: keeps its cookies (antiforgery, session), follows no redirect by itself, and fills and submits the
/// forms of the pages it reads as a browser would, hidden fields (the antiforgery token) included.
/// </summary>
public sealed class FormClient : IDisposable
{
    public FormClient(WebApplicationFactory<Program> site)
    {
        Cookies = new CookieContainer();
        Http = site.CreateDefaultClient(new CookieContainerHandler(Cookies));
    }

    /// <summary>A browser of a site running elsewhere (a process, behind nginx): a client whose handler keeps these cookies.</summary>
    public FormClient(HttpClient http, CookieContainer cookies)
    {
        Http = http;
        Cookies = cookies;
    }

    public HttpClient Http { get; }
    public CookieContainer Cookies { get; }

    public string? Cookie(string name) => Cookies.GetCookies(Http.BaseAddress!)[name]?.Value;

    /// <summary>GETs a page, asserts the status, and parses it.</summary>
    public async Task<IDocument> GetPageAsync(string url, int expectedStatus = 200)
    {
        using var response = await Http.GetAsync(url, TestContext.Current.CancellationToken);
        return await ReadPageAsync(response, expectedStatus);
    }

    /// <summary>Parses a response as the page at its address, after asserting its status.</summary>
    public async Task<IDocument> ReadPageAsync(HttpResponseMessage response, int expectedStatus = 200)
    {
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var url = response.RequestMessage!.RequestUri!;
        Assert.True((int)response.StatusCode == expectedStatus,
            $"{response.RequestMessage.Method} {url.PathAndQuery} answered {(int)response.StatusCode}, expected {expectedStatus}.");
        return await BrowsingContext.New(Configuration.Default).OpenAsync(request => request.Content(html).Address(url.AbsoluteUri),
            TestContext.Current.CancellationToken);
    }

    /// <summary>Asserts a redirect and GETs where it points to.</summary>
    public async Task<IDocument> FollowAsync(HttpResponseMessage response, int expectedStatus = 200)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found,
            $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery} answered {(int)response.StatusCode}, expected a redirect.");
        return await GetPageAsync(response.Headers.Location!.OriginalString, expectedStatus);
    }

    /// <summary>GETs a page and takes its first form that matches the selector (the page's main form by default).</summary>
    public async Task<Form> GetFormAsync(string url, string formSelector = "main form") =>
        Form(await GetPageAsync(url), formSelector);

    /// <summary>A form of a page already read, such as a form shown again with its errors.</summary>
    public Form Form(IDocument page, string formSelector = "main form") =>
        page.QuerySelector(formSelector) is IHtmlFormElement form
            ? new Form(this, form)
            : throw new InvalidOperationException($"No form matches \"{formSelector}\" on {page.Url}.");

    public void Dispose() => Http.Dispose();
}

/// <summary>
/// A form as the browser would send it: its successful controls with their current values, in document order.
/// Fields are set by name; a name that is not in the form is an error, so a typo fails the test, not the app.
/// </summary>
public sealed class Form
{
    private readonly FormClient client;
    private readonly List<Field> fields;
    private readonly List<AttachedFile> files = [];

    internal Form(FormClient client, IHtmlFormElement form)
    {
        this.client = client;
        Element = form;
        Method = string.IsNullOrEmpty(form.Method) ? "get" : form.Method.ToLowerInvariant();
        // The action, resolved against the page's address; a form without one goes to the page itself.
        Action = new Uri(new Uri(form.Owner!.Url), form.GetAttribute("action") ?? "").PathAndQuery;
        fields = form.Elements
            .Where(e => !string.IsNullOrEmpty(e.GetAttribute("name")) && !e.HasAttribute("disabled"))
            .Select(e => e switch
            {
                IHtmlInputElement { Type: "checkbox" or "radio" } input => new Field(input.Name!, input.Value, input.IsChecked, input.Type),
                IHtmlInputElement { Type: "submit" or "image" or "button" or "reset" or "file" } => null,
                IHtmlInputElement input => new Field(input.Name!, input.Value, true, input.Type),
                IHtmlTextAreaElement area => new Field(area.Name!, area.Value, true, "textarea"),
                IHtmlSelectElement select => new Field(select.Name!, select.Value ?? "", true, "select"),
                _ => null,
            })
            .OfType<Field>()
            .ToList();
    }

    public IHtmlFormElement Element { get; }
    public string Method { get; }
    public string Action { get; }

    /// <summary>The value that would be sent for a field, or null when none would be.</summary>
    public string? this[string name] => fields.FirstOrDefault(f => f.Name == name && f.Included)?.Value;

    /// <summary>Types a value into a text field (every type but checkboxes and radios), or picks a radio by its value.</summary>
    public Form Set(string name, string value)
    {
        var named = Named(name);
        if (named.All(f => f.Type == "radio"))
        {
            Assert.Contains(named, f => f.Value == value);
            named.ForEach(f => f.Included = f.Value == value);
            return this;
        }
        foreach (var field in named.Where(f => f.Type != "checkbox"))
        {
            field.Value = value;
        }
        return this;
    }

    /// <summary>Ticks or unticks a checkbox.</summary>
    public Form Check(string name, bool check = true)
    {
        var boxes = Named(name).Where(f => f.Type == "checkbox").ToList();
        Assert.True(boxes.Count > 0, $"The form has no checkbox \"{name}\".");
        boxes.ForEach(f => f.Included = check);
        return this;
    }

    /// <summary>Leaves a field out of what is sent, as a forged or broken request would (the antiforgery token, say).</summary>
    public Form Without(string name)
    {
        fields.RemoveAll(f => f.Name == name);
        return this;
    }

    /// <summary>What would be sent, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Values =>
        fields.Where(f => f.Included).Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();

    /// <summary>
    /// Sends the form and returns the response as is: a redirect is not followed. Urlencoded, or multipart/form-data
    /// when the form says so or a file is attached.
    /// </summary>
    public Task<HttpResponseMessage> SubmitAsync() => SendAsync(Method, Action, Values);

    /// <summary>
    /// Chooses a file for a file field, as a browser would (the form is then sent as multipart/form-data). A name that
    /// is not a file field of the form is an error.
    /// </summary>
    public Form Attach(string name, byte[] content, string fileName, string contentType)
    {
        Assert.True(Element.Elements.OfType<IHtmlInputElement>().Any(i => i.Type == "file" && i.Name == name),
            $"The form has no file field \"{name}\".");
        files.RemoveAll(f => f.Name == name);
        files.Add(new AttachedFile(name, content, fileName, contentType));
        return this;
    }

    /// <summary>
    /// Presses a submit button, found by its text: its name and value are sent with the form, to its formaction
    /// (and formmethod) when it has them, as a browser does.
    /// </summary>
    public Task<HttpResponseMessage> PressAsync(string buttonText)
    {
        var buttons = Element.Elements.OfType<IHtmlButtonElement>().Where(b => b.Type == "submit").ToList();
        var button = buttons.FirstOrDefault(b => b.TextContent.Trim() == buttonText)
            ?? throw new InvalidOperationException(
                $"The form has no button \"{buttonText}\"; it has {string.Join(", ", buttons.Select(b => $"\"{b.TextContent.Trim()}\""))}.");
        var values = Values.ToList();
        if (!string.IsNullOrEmpty(button.Name))
        {
            values.Add(new(button.Name, button.Value));
        }
        var action = button.HasAttribute("formaction")
            ? new Uri(new Uri(Element.Owner!.Url), button.GetAttribute("formaction")).PathAndQuery
            : Action;
        var method = button.GetAttribute("formmethod")?.ToLowerInvariant() ?? Method;
        return SendAsync(method, action, values);
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string action, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        var cancellation = TestContext.Current.CancellationToken;
        if (method == "get")
        {
            using var query = new FormUrlEncodedContent(values);
            var path = action.Split('?')[0];
            return await client.Http.GetAsync($"{path}?{await query.ReadAsStringAsync(cancellation)}", cancellation);
        }
        if (files.Count == 0 && !string.Equals(Element.Enctype, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await client.Http.PostAsync(action, new FormUrlEncodedContent(values), cancellation);
        }
        using var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in values)
        {
            multipart.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(value)), name);
        }
        foreach (var file in files)
        {
            var content = new ByteArrayContent(file.Content);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(file.ContentType);
            multipart.Add(content, file.Name, file.FileName);
        }
        return await client.Http.PostAsync(action, multipart, cancellation);
    }

    private List<Field> Named(string name)
    {
        var named = fields.Where(f => f.Name == name).ToList();
        Assert.True(named.Count > 0, $"The form has no field \"{name}\"; it has {string.Join(", ", fields.Select(f => f.Name).Distinct())}.");
        return named;
    }

    private sealed record AttachedFile(string Name, byte[] Content, string FileName, string ContentType);

    private sealed class Field(string name, string value, bool included, string type)
    {
        public string Name { get; } = name;
        public string Value { get; set; } = value;
        public bool Included { get; set; } = included;
        public string Type { get; } = type;
    }
}
