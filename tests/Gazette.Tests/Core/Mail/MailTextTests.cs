using Gazette.Core.Mail;

namespace Gazette.Tests.Core.Mail;

public sealed class MailTextTests
{
    [Fact]
    public void ThePlainTextPartKeepsParagraphsListsQuotesAndLinkAddresses()
    {
        const string html = """
            <!DOCTYPE html><html><head><title>Hello</title><style>p { color: red }</style></head>
            <body><header><p>The   Daily Test</p></header>
            <main><p>Hello Ann,</p>
            <p>Someone answered <a href="https://news.example.org/a#c2">your comment</a>:</p>
            <blockquote><p>I agree.</p><p>Mostly.</p></blockquote>
            <ul><li>one</li><li>two</li></ul>
            <p><a href="https://news.example.org/">https://news.example.org/</a></p>
            <p data-text="skip">Only for HTML</p>
            <p>Fish &amp; chips&nbsp;today<br>next line</p></main></body></html>
            """;

        var text = MailText.FromHtml(html);

        Assert.Equal(
            """
            The Daily Test

            Hello Ann,

            Someone answered your comment <https://news.example.org/a#c2>:

            > I agree.
            >
            > Mostly.

            - one

            - two

            https://news.example.org/

            Fish & chips today
            next line
            """.ReplaceLineEndings("\n"),
            text);
        Assert.Equal("Hello", MailText.Title(html));
    }
}
