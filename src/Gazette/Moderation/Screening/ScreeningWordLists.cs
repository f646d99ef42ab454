using Microsoft.Extensions.Options;

namespace Gazette.Moderation.Screening;

/// <summary>
/// The word lists of the current rules, read into matchers once and again only when an administrator changes them
/// (the options are live: a saved list applies to the next comment).
/// </summary>
public sealed class ScreeningWordLists(IOptionsMonitor<ModerationOptions> options)
{
    private Compiled? compiled;

    public Compiled Current
    {
        get
        {
            var rules = options.CurrentValue;
            var current = Volatile.Read(ref compiled);
            if (current is null || !current.IsFor(rules))
            {
                current = new Compiled(rules);
                Volatile.Write(ref compiled, current);
            }
            return current;
        }
    }

    public sealed class Compiled
    {
        private readonly (string Banned, string Suspect, string Allowed, string Spam) source;

        public Compiled(ModerationOptions rules)
        {
            source = (rules.BannedWords, rules.SuspectWords, rules.AllowedWords, rules.SpamWords);
            Banned = new WordMatcher(rules.BannedWordList, rules.AllowedWordList);
            Suspect = new WordMatcher(rules.SuspectWordList, rules.AllowedWordList);
            Spam = new WordMatcher(rules.SpamWordList, rules.AllowedWordList);
        }

        public WordMatcher Banned { get; }
        public WordMatcher Suspect { get; }
        public WordMatcher Spam { get; }

        public bool IsFor(ModerationOptions rules) =>
            source == (rules.BannedWords, rules.SuspectWords, rules.AllowedWords, rules.SpamWords);
    }
}
