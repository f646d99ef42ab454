using System.Text;
using Gazette.Core.Import.GazetteJson;

namespace Gazette.Tests.Core.Import;

/// <summary>The reader of Gazette's own export, on a file, as a stream of records with bounded memory (issue 13).</summary>
public sealed class GazetteJsonReaderTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "import", "gazette-export.json");

    private static List<(string Section, string Json)> Read(Stream file) =>
        new GazetteJsonReader(file).Records().Select(r =>
        {
            using (r)
            {
                return (r.Section, r.Value.GetRawText());
            }
        }).ToList();

    [Fact]
    public void EveryRecordComesInTheFilesOrderWithItsSection()
    {
        using var file = File.OpenRead(Fixture);

        var records = Read(file);

        Assert.Equal(["site", "authors", "tags", "tags", "articles", "comments", "comments"], records.Select(r => r.Section));
    }

    [Fact]
    public void ARecordKeepsItsTextToTheCharacter()
    {
        using var file = File.OpenRead(Fixture);

        using var author = new GazetteJsonReader(file).Records().First(r => r.Section == "authors");

        Assert.Equal("Ada \"the editor\" Lovelace", author.Value.Text("name"));
        Assert.Equal("Writes about engines.\nAnd élèves.", author.Value.Text("bio"));
        Assert.Null(author.Value.TextOrNull("userId"));
        Assert.Equal(3, author.Value.Int("id"));
    }

    [Fact]
    public void DatesAreUtcToTheTick()
    {
        using var file = File.OpenRead(Fixture);

        using var article = new GazetteJsonReader(file).Records().First(r => r.Section == "articles");

        var published = article.Value.Date("publishedAt");
        Assert.Equal(DateTimeKind.Utc, published.Kind);
        Assert.Equal(new DateTime(2026, 2, 1, 9, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567), published);
    }

    [Fact]
    public void RecordsLargerThanTheReadBufferAreReadWhole()
    {
        var body = string.Concat(Enumerable.Repeat("A paragraph of the long read, with \"quotes\" and ünïcode. ", 20_000));
        var text = File.ReadAllText(Fixture).Replace("\"BODY\"", System.Text.Json.JsonSerializer.Serialize(body));
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(text));

        using var article = new GazetteJsonReader(file).Records().First(r => r.Section == "articles");

        Assert.Equal(body, article.Value.Text("bodyMarkdown"));
    }

    [Fact]
    public void AStreamThatGivesAFewBytesAtATimeReadsTheSame()
    {
        var bytes = File.ReadAllBytes(Fixture);

        var records = Read(new TrickleStream(bytes, 7));

        Assert.Equal(Read(new MemoryStream(bytes)), records);
    }

    [Theory]
    [InlineData("[]", "This is not a Gazette export: it is a JSON array, not an object.")]
    [InlineData("{\"format\":\"wxr\",\"version\":1,\"authors\":[]}", "This is not a Gazette export: its \"format\" is \"wxr\", not \"gazette-export\" (export json writes it).")]
    [InlineData("{\"format\":\"gazette-export\",\"version\":2,\"authors\":[]}", "This export is of version 2, made by a newer Gazette: this one reads version 1. Update Gazette first.")]
    [InlineData("{\"format\":\"gazette-export\",\"version\":1,\"authors\":[{\"id\":1}", "The file is not valid JSON near byte 58: ")]
    [InlineData("{\"format\":\"gazette-export\",\"version\":1,\"authors\":[1]}", "This is not a Gazette export: \"authors\" holds Number where records were expected (byte 50).")]
    public void AFileThatIsNotAGazetteExportIsRefusedWithWhatIsWrong(string json, string message)
    {
        var error = Assert.Throws<GazetteJsonException>(() => Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void BrokenJsonIsToldWithWhere()
    {
        var error = Assert.Throws<GazetteJsonException>(() => Read(new MemoryStream(Encoding.UTF8.GetBytes("{\"format\":\"gazette-export\",\"version\":1,\"tags\":[{\"id\":1,,}]}"))));

        Assert.StartsWith("The file is not valid JSON near byte ", error.Message);
    }

    [Fact]
    public void AMissingOrMistypedFieldIsNamed()
    {
        using var file = File.OpenRead(Fixture);
        using var article = new GazetteJsonReader(file).Records().First(r => r.Section == "articles");

        Assert.Equal("It has no \"nothing\".", Assert.Throws<GazetteJsonException>(() => article.Value.Text("nothing")).Message);
        Assert.Equal("Its \"title\" is not a whole number.", Assert.Throws<GazetteJsonException>(() => article.Value.Int("title")).Message);
        Assert.Equal("Its \"status\" is not a date and time.", Assert.Throws<GazetteJsonException>(() => article.Value.Date("status")).Message);
    }

    /// <summary>A stream that hands over at most a few bytes per read, as a slow network or pipe does.</summary>
    private sealed class TrickleStream(byte[] bytes, int most) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, most));
    }
}
