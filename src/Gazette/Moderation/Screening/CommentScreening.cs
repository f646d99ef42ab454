using System.Globalization;
using Gazette.Comments;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Moderation.Screening;

/// <summary>A comment as it is about to be posted, with who posts it and from where.</summary>
/// <param name="Form">What the HTML form adds (its trap field, when it was shown); null for the JSON API, which is not timed.</param>
public sealed record CommentSubmission(
    string Body, string? AuthorName, string? AuthorEmail, Reader Reader, string ArticleSlug, FormSignals? Form);

/// <summary>What only the HTML form tells: whether its hidden trap field was filled, and when the form was shown (null: unknown).</summary>
public sealed record FormSignals(bool TrapFilled, DateTime? ShownAt);

public enum ScreeningOutcome
{
    Approve,

    /// <summary>Stored as pending: its author sees it, marked awaiting moderation, and nobody else.</summary>
    Hold,

    /// <summary>Stored as spam without a word to the poster, who is answered as if it were published.</summary>
    Spam,

    /// <summary>Not stored: the poster is told why, and keeps their text.</summary>
    Refuse,
}

/// <summary>The screening's decision: the outcome, every rule that fired, and the spam score.</summary>
public sealed record ScreeningDecision(ScreeningOutcome Outcome, IReadOnlyList<ModerationReason> Reasons, double Score, WriteResult? Refusal = null)
{
    public CommentStatus Status => Outcome switch
    {
        ScreeningOutcome.Approve => CommentStatus.Approved,
        ScreeningOutcome.Hold => CommentStatus.Pending,
        ScreeningOutcome.Spam => CommentStatus.Spam,
        _ => throw new InvalidOperationException("A refused comment has no status: it is not stored."),
    };

    /// <summary>What <see cref="Comment.ModerationReasons"/> stores: null when nothing fired.</summary>
    public string? RecordJson => Reasons.Count == 0 ? null : new ModerationRecord(Reasons, Score).ToJson();

    public static ScreeningDecision Refused(WriteResult refusal, params ModerationReason[] reasons) =>
        new(ScreeningOutcome.Refuse, reasons, 0, refusal);
}

/// <summary>
/// Everything decided about a comment when it is posted or edited, in this order: an active ban refuses it (a shadow
/// ban stores it as spam, shown only to its author); the form's trap field or a form sent too fast marks it as spam
/// silently; a banned word refuses it (or holds it, per setting); the same text again from the same writer is refused;
/// then suspect words, too many links, a first comment (when the site holds them) and the spam check's score hold it.
/// Each rule that fires leaves a <see cref="ModerationReason"/> in words its author and the moderators can read.
/// </summary>
public sealed partial class CommentScreening(
    GazetteDb db, TimeProvider clock, IOptions<ModerationOptions> options, ScreeningWordLists lists, ISpamCheck spamCheck, DisplayDates dates,
    IOptions<SiteOptions> site)
{
    private ModerationOptions Rules => options.Value;

    public async Task<ScreeningDecision> ScreenPostAsync(CommentSubmission submission, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var reader = submission.Reader;
        var email = await EmailAsync(reader, submission.AuthorEmail, cancellationToken);
        var writer = await WriterAsync(reader, email, submission.Body, now, cancellationToken);
        var bans = writer.Bans;
        if (Refusal(bans) is { } banned)
        {
            return banned;
        }

        if (submission.Form is { } form && FormTrap(form, now) is { } trapped)
        {
            return new ScreeningDecision(ScreeningOutcome.Spam, [trapped], 1);
        }

        var words = lists.Current;
        var holds = new List<ModerationReason>();
        var bannedInName = words.Banned.Find(submission.AuthorName);
        var bannedInBody = words.Banned.Find(submission.Body);
        if (bannedInName.Count > 0 || bannedInBody.Count > 0)
        {
            var reason = BannedReason(bannedInBody, bannedInName);
            if (Rules.BannedWordsAction == BannedWordsAction.Reject)
            {
                return bannedInBody.Count > 0
                    ? ScreeningDecision.Refused(WriteResult.Error(WriteStatus.Invalid,
                        $"Your comment contains {Named(bannedInBody)}, which this site does not allow. Change it and post again.",
                        nameof(CommentInput.Body)), reason)
                    : ScreeningDecision.Refused(WriteResult.Error(WriteStatus.Invalid,
                        $"Your name contains {Named(bannedInName)}, which this site does not allow. Choose another name.",
                        nameof(CommentInput.AuthorName)), reason);
            }
            holds.Add(reason);
        }

        if (writer.PostedThisLately)
        {
            return ScreeningDecision.Refused(
                WriteResult.Error(WriteStatus.Conflict, "You already posted this comment.", nameof(CommentInput.Body)),
                new ModerationReason("duplicate", "The same text was posted by the same writer a moment ago."));
        }

        var firstComment = !writer.HadOneApproved;
        var links = Links.In(submission.Body);
        var verdict = await spamCheck.CheckAsync(new SpamCheckInput(submission.Body, submission.AuthorName, email, reader.IsMember,
            firstComment, links, submission.ArticleSlug, reader.IpHash, IsEdit: false), cancellationToken);

        if (bans.FirstOrDefault(b => b.Shadow) is { } shadow)
        {
            // Answered like any other post: only the moderators, and the record, know.
            return new ScreeningDecision(ScreeningOutcome.Spam,
                [new ModerationReason("shadow-ban", $"The writer is shadow-banned ({BanTarget(shadow.Kind)}): {ReasonOf(shadow)}.")], verdict.Score);
        }
        if (verdict.IsSpam)
        {
            return new ScreeningDecision(ScreeningOutcome.Spam, [SpamReason(verdict)], verdict.Score);
        }

        holds.AddRange(WordAndLinkHolds(words.Suspect.Find(submission.Body), words.Suspect.Find(submission.AuthorName), links));
        if (Rules.HoldFirstComment && firstComment)
        {
            holds.Add(new ModerationReason("first-comment",
                "It is the first comment from this writer; this site reads first comments before publishing them."));
        }
        if (verdict.Score >= Rules.SpamScoreHoldThreshold && verdict.Score > 0)
        {
            holds.Add(SpamReason(verdict));
        }
        return new ScreeningDecision(holds.Count > 0 ? ScreeningOutcome.Hold : ScreeningOutcome.Approve, holds, verdict.Score);
    }

    /// <summary>
    /// An edit is screened for what it adds: a banned word it brings in refuses it (or holds the comment), suspect words
    /// or links over the limit that were not there before hold it. A banned writer cannot edit either.
    /// </summary>
    public async Task<ScreeningDecision> ScreenEditAsync(Comment comment, string body, Reader reader, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var email = await EmailAsync(reader, comment.AuthorEmail, cancellationToken);
        if (Refusal((await WriterAsync(reader, email, body: null, now, cancellationToken)).Bans) is { } banned)
        {
            return banned;
        }

        var words = lists.Current;
        var holds = new List<ModerationReason>();
        var bannedWords = Added(words.Banned, comment.Body, body);
        if (bannedWords.Count > 0)
        {
            var reason = BannedReason(bannedWords, []);
            if (Rules.BannedWordsAction == BannedWordsAction.Reject)
            {
                return ScreeningDecision.Refused(WriteResult.Error(WriteStatus.Invalid,
                    $"Your change adds {Named(bannedWords)}, which this site does not allow. Change it and save again.",
                    nameof(CommentInput.Body)), reason);
            }
            holds.Add(reason);
        }
        var links = Links.In(body);
        var linksBefore = Links.In(comment.Body).Count;
        holds.AddRange(WordAndLinkHolds(Added(words.Suspect, comment.Body, body), [], links.Count > linksBefore ? links : []));
        return new ScreeningDecision(holds.Count > 0 ? ScreeningOutcome.Hold : ScreeningOutcome.Approve, holds, comment.SpamScore);
    }

    // ---------- Bans ----------

    /// <summary>A member's email is their account's; a guest's the one they typed (trimmed, lower-cased, as bans store it).</summary>
    private async Task<string?> EmailAsync(Reader reader, string? typed, CancellationToken cancellationToken)
    {
        var email = reader.IsMember
            ? await db.Users.Where(u => u.Id == reader.UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken)
            : typed;
        return string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
    }

    /// <summary>The refusal an open ban gives: the longest one, so that the date told is the one that counts.</summary>
    private ScreeningDecision? Refusal(IReadOnlyList<Ban> bans)
    {
        var ban = bans.Where(b => !b.Shadow).OrderBy(b => b.ExpiresAt is null ? 0 : 1).ThenByDescending(b => b.ExpiresAt).FirstOrDefault();
        if (ban is null)
        {
            return null;
        }
        var until = ban.ExpiresAt is { } end ? $"Until {dates.DayAndTime(end)} ({Zone})." : "Permanently.";
        var message = $"You can't comment here: {ReasonOf(ban)}. {until}";
        return ScreeningDecision.Refused(WriteResult.Error(WriteStatus.Forbidden, message),
            new ModerationReason("ban", $"The writer is banned ({BanTarget(ban.Kind)}): {ReasonOf(ban)}."));
    }

    private string Zone => site.Value.TimeZone;

    private static string ReasonOf(Ban ban) => string.IsNullOrWhiteSpace(ban.Reason) ? "a moderator's decision" : ban.Reason.Trim().TrimEnd('.');

    private static string BanTarget(BanKind kind) => kind switch
    {
        BanKind.Account => "account",
        BanKind.Email => "email address",
        BanKind.Ip => "IP address",
        _ => "browser",
    };

    // ---------- The form's traps ----------

    private ModerationReason? FormTrap(FormSignals form, DateTime now)
    {
        if (form.TrapFilled)
        {
            return new ModerationReason("honeypot", "The form's hidden field, which people never see, was filled in: a program sent it.");
        }
        var least = Rules.MinSecondsBeforePost;
        if (least <= 0)
        {
            return null;
        }
        if (form.ShownAt is not { } shown)
        {
            return new ModerationReason("too-fast", "It was sent without the time the form was shown: not from this site's form.");
        }
        var seconds = (now - shown).TotalSeconds;
        return seconds < least
            ? new ModerationReason("too-fast", string.Create(CultureInfo.InvariantCulture,
                $"It was sent {Math.Max(0, seconds):0.#} seconds after the form was shown; people take at least {least}."))
            : null;
    }

    // ---------- Words, links, duplicates ----------

    private static ModerationReason BannedReason(IReadOnlyList<WordMatch> inBody, IReadOnlyList<WordMatch> inName)
    {
        var parts = new List<string>();
        if (inBody.Count > 0)
        {
            parts.Add($"It contains {Named(inBody)}, which this site does not allow.");
        }
        if (inName.Count > 0)
        {
            parts.Add($"The name contains {Named(inName)}, which this site does not allow.");
        }
        return new ModerationReason("banned-words", string.Join(" ", parts), Spans(inBody));
    }

    private IEnumerable<ModerationReason> WordAndLinkHolds(IReadOnlyList<WordMatch> suspectInBody, IReadOnlyList<WordMatch> suspectInName, IReadOnlyList<string> links)
    {
        if (suspectInBody.Count > 0 || suspectInName.Count > 0)
        {
            var parts = new List<string>();
            if (suspectInBody.Count > 0)
            {
                parts.Add($"It contains {Named(suspectInBody)}, which a moderator reads before it is published.");
            }
            if (suspectInName.Count > 0)
            {
                parts.Add($"The name contains {Named(suspectInName)}, which a moderator reads before it is published.");
            }
            yield return new ModerationReason("suspect-words", string.Join(" ", parts), Spans(suspectInBody));
        }
        if (links.Count > Rules.MaxLinks)
        {
            yield return new ModerationReason("links",
                $"It has {links.Count} links; comments with more than {Rules.MaxLinks} wait for a moderator.", links.Distinct().ToList());
        }
    }

    private static ModerationReason SpamReason(SpamVerdict verdict) => new("spam-check",
        $"The spam check scored it {SpamScoring.Format(verdict.Score)} out of 1"
        + (verdict.Signals.Count > 0 ? $" ({string.Join("; ", verdict.Signals)})." : "."),
        verdict.Matches);

    /// <summary>The entries found in the new text that the old one did not have (an edit is judged on what it adds).</summary>
    private static IReadOnlyList<WordMatch> Added(WordMatcher matcher, string before, string after)
    {
        var had = matcher.Find(before).Select(m => m.Term).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return matcher.Find(after).Where(m => !had.Contains(m.Term)).ToList();
    }

    private static IReadOnlyList<string> Spans(IReadOnlyList<WordMatch> matches) => matches.Select(m => m.Text).Distinct().ToList();

    /// <summary>“the word “idiot”” or “the words “idiot” and “crap””, as written.</summary>
    private static string Named(IReadOnlyList<WordMatch> matches)
    {
        var shown = matches.Select(m => $"“{m.Text}”").Distinct().ToList();
        return shown.Count == 1
            ? $"the word {shown[0]}"
            : $"the words {string.Join(", ", shown.Take(shown.Count - 1))} and {shown[^1]}";
    }
}
