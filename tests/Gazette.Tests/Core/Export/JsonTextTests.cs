using System.Text.Json;
using Gazette.Core.Export;

namespace Gazette.Tests.Core.Export;

public sealed class JsonTextTests
{
    // A Fact, not a Theory: xUnit passes theory data on as UTF-8, which would turn a lone surrogate into U+FFFD before the test.
    [Fact]
    public void OnlyALoneSurrogateIsReplaced()
    {
        (string Text, string Expected)[] cases =
        [
            ("plain", "plain"),
            ("NUL \0 and \u0007 stay", "NUL \0 and \u0007 stay"),
            ("pair \uD835\uDD4F stays", "pair \uD835\uDD4F stays"),
            ("high \uD800 alone", "high \uFFFD alone"),
            ("low \uDC00 alone", "low \uFFFD alone"),
            ("reversed \uDC00\uD800", "reversed \uFFFD\uFFFD"),
            ("ends high \uD835", "ends high \uFFFD"),
        ];

        Assert.All(cases, c => Assert.Equal(c.Expected, JsonText.Clean(c.Text)));
    }

    [Fact]
    public void CleanTextIsWrittenAndReadBackByTheJsonWriterAndReader()
    {
        var text = JsonText.Clean("a\0b\u001Fc\uD800d\"e\\f𝕏");
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(text);
        }

        Assert.Equal(text, JsonSerializer.Deserialize<string>(buffer.ToArray()));
    }
}
