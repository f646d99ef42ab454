using AngleSharp.Html.Parser;
using BenchmarkDotNet.Attributes;
using Gazette.Core.Mail;

namespace Gazette.Benchmarks;

/// <summary>
/// <see cref="MailText.Read"/>: the subject and the plain-text part of a mail, read back from its rendered HTML. Done
/// once per queued mail (a reply notification's HTML is about 2.5 KB); Parse alone shows what AngleSharp's parser costs
/// of it, with a parser made for the call (as Read does) and one made once.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class MailTextBenchmarks
{
    private static readonly HtmlParser Shared = new();

    private readonly string html = File.ReadAllText(Path.Combine(RepoPaths.WebProject, "..", "..", "bench", "Gazette.Benchmarks", "reply-mail.html"));

    [Benchmark(Baseline = true)]
    public (string, string) Read() => MailText.Read(html);

    [Benchmark]
    public object ParseWithNewParser() => new HtmlParser().ParseDocument(html);

    [Benchmark]
    public object ParseWithSharedParser() => Shared.ParseDocument(html);
}
