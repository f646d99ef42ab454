using System.Globalization;
using System.Text.RegularExpressions;

namespace Gazette.Moderation.Screening;

/// <summary>
/// The built-in spam check: a score from 0 to 1 made of what spam looks like in a comment (links, above all when there
/// is little else; a web address as the name; shouting; the same character over and over; words typical of spam; a
/// first comment). No signal holds a comment alone at the default threshold (0.7); together they do.
/// </summary>
public sealed partial class SpamScoring(ScreeningWordLists lists) : ISpamCheck
{
    public Task<SpamVerdict> CheckAsync(SpamCheckInput input, CancellationToken cancellationToken)
    {
        var score = 0.0;
        var signals = new List<string>();
        var matches = new List<string>();
        var body = input.Body;

        if (input.Links.Count > 0)
        {
            score += Math.Min(0.45, 0.15 * input.Links.Count);
            signals.Add(input.Links.Count == 1 ? "a link" : $"{input.Links.Count} links");
            matches.AddRange(input.Links);
            var rest = input.Links.Aggregate(body, (text, link) => text.Replace(link, "", StringComparison.Ordinal));
            if (rest.Count(char.IsLetterOrDigit) < 20)
            {
                score += 0.2;
                signals.Add("little text besides the links");
            }
        }
        if (input.AuthorName is { } name && (Links.In(name).Count > 0 || DomainName().IsMatch(name)))
        {
            score += 0.3;
            signals.Add("a web address as the name");
        }
        var letters = body.Count(char.IsLetter);
        if (letters >= 12 && body.Count(char.IsUpper) >= 0.7 * letters)
        {
            score += 0.25;
            signals.Add("mostly capital letters");
        }
        if (Repeated().Match(body) is { Success: true } repeated)
        {
            score += 0.15;
            signals.Add("the same character many times in a row");
            matches.Add(repeated.Value);
        }
        var spamWords = lists.Current.Spam.Find(body);
        var distinct = spamWords.Select(m => m.Term).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        if (distinct > 0)
        {
            score += Math.Min(0.6, 0.3 * distinct);
            signals.Add("words common in spam: " + string.Join(", ", spamWords.Select(m => $"“{m.Text}”").Distinct()));
            matches.AddRange(spamWords.Select(m => m.Text));
        }
        if (input.IsFirstComment)
        {
            score += 0.1;
            signals.Add("a first comment");
        }
        score = Math.Round(Math.Min(1, score), 2, MidpointRounding.AwayFromZero);
        return Task.FromResult(new SpamVerdict(score, signals, matches.Distinct().ToList()));
    }

    public static string Format(double score) => score.ToString("0.00", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(\S)\1{5,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Repeated();

    [GeneratedRegex(@"\b[\w-]+\.(com|net|org|info|biz|ru|cn|xyz|top|io|co)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DomainName();
}
