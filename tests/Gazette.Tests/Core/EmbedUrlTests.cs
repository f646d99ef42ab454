using Gazette.Core.Embeds;

namespace Gazette.Tests.Core;

/// <summary>Fixtures/embeds/urls.tsv: each address alone on a line and what it becomes (issue 16).</summary>
public sealed class EmbedUrlTests
{
    private static IEnumerable<(string Address, string Expected)> Rows() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "embeds", "urls.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => (line[..line.IndexOf('\t')], line[(line.IndexOf('\t') + 1)..]));

    public static TheoryData<string, string> Addresses() => new(Rows());

    [Theory]
    [MemberData(nameof(Addresses))]
    public void EachAddressBecomesTheEmbedOrTheLinkTheFixtureSays(string address, string expected)
    {
        var embed = EmbedUrls.Parse(address);

        Assert.Equal(expected, embed is null ? "link" : $"{embed.Provider}\t{embed.FrameUrl}");
    }

    [Fact]
    public void EveryFrameIsServedOverHttpsFromTheProvidersOwnHost()
    {
        foreach (var (address, expected) in Rows().Where(r => r.Expected != "link"))
        {
            var embed = EmbedUrls.Parse(address)!;
            Assert.StartsWith("https://", embed.FrameUrl, StringComparison.Ordinal);
            Assert.Equal(new Uri(expected.Split('\t')[1]).Host, embed.FrameHost);
        }
    }
}
