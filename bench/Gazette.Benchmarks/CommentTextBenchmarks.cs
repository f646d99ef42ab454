using BenchmarkDotNet.Attributes;
using Gazette.Core.Text;

namespace Gazette.Benchmarks;

/// <summary>
/// <see cref="CommentText.ToHtml"/>: Markdown to HTML, then sanitizing. Done once per comment when it is
/// written (pages show the stored HTML), so this is what rendering costs a comment post, not a page view.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class CommentTextBenchmarks
{
    /// <summary>A typical comment: three sentences, one bare URL, one bit of emphasis.</summary>
    public const string TypicalComment =
        "Battery life in the review matches mine almost exactly, about two days of light use. " +
        "The charging curve is the *real* story though: https://example.com/reviews/nova-7/charging-test shows it. " +
        "Would love a follow-up after a few months.";

    /// <summary>A one-line comment without a link: the cheapest case.</summary>
    public const string ShortComment = "Finally someone says it out loud.";

    [Benchmark(Baseline = true)]
    public string Typical() => CommentText.ToHtml(TypicalComment);

    [Benchmark]
    public string Short() => CommentText.ToHtml(ShortComment);
}
