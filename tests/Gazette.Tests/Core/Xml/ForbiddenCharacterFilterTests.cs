using Gazette.Core.Xml;

namespace Gazette.Tests.Core.Xml;

public sealed class ForbiddenCharacterFilterTests
{
    /// <summary>Every UTF-16 code unit, in reads of every size: only the characters XML 1.0 forbids become U+FFFD.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task OnlyTheCharactersXmlForbidsAreReplacedWhateverTheReadSize(int readSize)
    {
        var all = new string(Enumerable.Range(0, 0x10000).Select(c => (char)c).ToArray());
        var expected = new string(all.Select(c => (c < 0x20 && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF' ? '\uFFFD' : c).ToArray());

        var synchronous = new System.Text.StringBuilder();
        using (var filter = new ForbiddenCharacterFilter(new StringReader(all)))
        {
            var buffer = new char[readSize];
            for (int read; (read = filter.Read(buffer.AsSpan())) > 0;)
            {
                synchronous.Append(buffer, 0, read);
            }
        }
        var asynchronous = new System.Text.StringBuilder();
        using (var filter = new ForbiddenCharacterFilter(new StringReader(all)))
        {
            var buffer = new char[readSize];
            for (int read; (read = await filter.ReadAsync(buffer.AsMemory(), TestContext.Current.CancellationToken)) > 0;)
            {
                asynchronous.Append(buffer, 0, read);
            }
        }
        using var single = new ForbiddenCharacterFilter(new StringReader("a\u0001"));

        Assert.Equal(expected, synchronous.ToString());
        Assert.Equal(expected, asynchronous.ToString());
        Assert.Equal('a', single.Read());
        Assert.Equal('\uFFFD', single.Peek());
        Assert.Equal('\uFFFD', single.Read());
        Assert.Equal(-1, single.Read());
    }
}
