using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Gazette.Accounts;
using Gazette.Administration;
using Gazette.Comments;
using Gazette.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gazette.Moderation.Screening;

/// <summary>
/// /admin/moderation/rules: the screening rules, for administrators. Saved as site settings (one setting per list, one
/// entry a line) and applied to the next comment; every save is written to the moderation log. A sample text can be
/// tried against the rules as typed, before saving them, to see what they would catch.
/// </summary>
[Authorize(Policy = StaffPolicies.Administer)]
public sealed class RulesModel(
    GazetteDb db, SiteSettingsStore store, IOptionsMonitor<ModerationOptions> rules, TimeProvider clock, WriteGate writes) : PageModel
{
    [BindProperty]
    public RulesInput Input { get; set; } = new();

    public bool Saved { get; private set; }

    /// <summary>What the tried sample met, when one was tried.</summary>
    public RulesTrial? Trial { get; private set; }

    public void OnGet(bool saved = false)
    {
        Input = RulesInput.From(rules.CurrentValue);
        Saved = saved;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var current = RulesInput.From(rules.CurrentValue).ToConfiguration();
        // Only what changed is saved: the rest keeps following appsettings.json and the environment.
        var changed = Input.ToConfiguration().Where(setting => current[setting.Key] != setting.Value)
            .ToDictionary(setting => setting.Key, setting => setting.Value);
        if (changed.Count > 0)
        {
            await store.SaveAsync(db, changed, cancellationToken);
            await LogAsync(changed.ToDictionary(c => c.Key, c => current[c.Key]), changed, cancellationToken);
        }
        return RedirectToPage(new { saved = true });
    }

    /// <summary>Tries the sample against the rules as they are in the form, saved or not.</summary>
    public IActionResult OnPostTry()
    {
        ModelState.Remove($"{nameof(Input)}.{nameof(RulesInput.Sample)}");
        if (!ModelState.IsValid)
        {
            return Page();
        }
        Trial = RulesTrial.Run(Input);
        return Page();
    }

    private async Task LogAsync(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after, CancellationToken cancellationToken)
    {
        await using var transaction = await writes.BeginAsync(db, cancellationToken);
        db.ModerationLog.Add(new ModerationLogEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorId = User.FindFirstValue(ClaimTypes.NameIdentifier),
            ActorName = User.FindFirstValue(Readers.DisplayNameClaim) ?? User.Identity?.Name ?? "",
            Action = "settings",
            Before = JsonSerializer.Serialize(before),
            After = JsonSerializer.Serialize(after),
            Note = "Moderation rules changed on /admin/moderation/rules.",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>The rules form, as typed: numbers stay text until checked, so a wrong one is shown back as it was.</summary>
public sealed class RulesInput
{
    public const int MaxListLength = 20_000;

    [Display(Name = "Banned words")]
    [StringLength(MaxListLength, ErrorMessage = "The banned words can be at most {1} characters in all.")]
    public string? BannedWords { get; set; }

    [Display(Name = "A comment with a banned word is")]
    [Required(ErrorMessage = "Choose what happens to a comment with a banned word.")]
    [EnumDataType(typeof(BannedWordsAction), ErrorMessage = "Choose what happens to a comment with a banned word.")]
    public string? BannedWordsAction { get; set; }

    [Display(Name = "Suspect words")]
    [StringLength(MaxListLength, ErrorMessage = "The suspect words can be at most {1} characters in all.")]
    public string? SuspectWords { get; set; }

    [Display(Name = "Words never flagged")]
    [StringLength(MaxListLength, ErrorMessage = "The words never flagged can be at most {1} characters in all.")]
    public string? AllowedWords { get; set; }

    [Display(Name = "Words common in spam")]
    [StringLength(MaxListLength, ErrorMessage = "The words common in spam can be at most {1} characters in all.")]
    public string? SpamWords { get; set; }

    [Display(Name = "Most links")]
    [Required(ErrorMessage = "Enter how many links a comment may have before it is held.")]
    [WholeNumber(0, 1000)]
    public string? MaxLinks { get; set; }

    [Display(Name = "Hold first comments")]
    public bool HoldFirstComment { get; set; }

    [Display(Name = "Duplicate window")]
    [Required(ErrorMessage = "Enter the minutes during which the same comment again is refused (0 for never).")]
    [WholeNumber(0, 60 * 24 * 365)]
    public string? DuplicateWindowMinutes { get; set; }

    [Display(Name = "Least time to write")]
    [Required(ErrorMessage = "Enter the least seconds between showing the form and posting it (0 for no limit).")]
    [WholeNumber(0, 3600)]
    public string? MinSecondsBeforePost { get; set; }

    [Display(Name = "Spam score that holds")]
    [Required(ErrorMessage = "Enter the spam score, from 0 to 1, at which a comment is held.")]
    [Fraction]
    public string? SpamScoreHoldThreshold { get; set; }

    /// <summary>A text to try the rules on; never saved.</summary>
    [Display(Name = "Try the rules on a text")]
    [StringLength(10_000, ErrorMessage = "The sample can be at most {1} characters long.")]
    public string? Sample { get; set; }

    public static RulesInput From(ModerationOptions rules) => new()
    {
        BannedWords = rules.BannedWords,
        BannedWordsAction = rules.BannedWordsAction.ToString(),
        SuspectWords = rules.SuspectWords,
        AllowedWords = rules.AllowedWords,
        SpamWords = rules.SpamWords,
        MaxLinks = Text(rules.MaxLinks),
        HoldFirstComment = rules.HoldFirstComment,
        DuplicateWindowMinutes = Text(rules.DuplicateWindowMinutes),
        MinSecondsBeforePost = Text(rules.MinSecondsBeforePost),
        SpamScoreHoldThreshold = rules.SpamScoreHoldThreshold.ToString("0.0#", CultureInfo.InvariantCulture),
    };

    /// <summary>Each field under its configuration key, as the configuration binder reads it back; lists one entry a line.</summary>
    public IReadOnlyDictionary<string, string> ToConfiguration() => new Dictionary<string, string>
    {
        [Key(nameof(ModerationOptions.BannedWords))] = List(BannedWords),
        [Key(nameof(ModerationOptions.BannedWordsAction))] =
            Enum.TryParse<BannedWordsAction>(BannedWordsAction, ignoreCase: true, out var action) ? action.ToString() : "",
        [Key(nameof(ModerationOptions.SuspectWords))] = List(SuspectWords),
        [Key(nameof(ModerationOptions.AllowedWords))] = List(AllowedWords),
        [Key(nameof(ModerationOptions.SpamWords))] = List(SpamWords),
        [Key(nameof(ModerationOptions.MaxLinks))] = Number(MaxLinks),
        [Key(nameof(ModerationOptions.HoldFirstComment))] = HoldFirstComment ? "true" : "false",
        [Key(nameof(ModerationOptions.DuplicateWindowMinutes))] = Number(DuplicateWindowMinutes),
        [Key(nameof(ModerationOptions.MinSecondsBeforePost))] = Number(MinSecondsBeforePost),
        [Key(nameof(ModerationOptions.SpamScoreHoldThreshold))] =
            FractionAttribute.TryParse(SpamScoreHoldThreshold, out var threshold) ? threshold.ToString("0.0##", CultureInfo.InvariantCulture) : "",
    };

    /// <summary>The rules as typed, for trying a sample before they are saved.</summary>
    public ModerationOptions ToOptions() => new()
    {
        BannedWords = List(BannedWords),
        SuspectWords = List(SuspectWords),
        AllowedWords = List(AllowedWords),
        SpamWords = List(SpamWords),
        MaxLinks = WholeNumberAttribute.TryParse(MaxLinks, out var links) ? links : 2,
    };

    private static string Key(string name) => $"{ModerationOptions.Section}:{name}";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One entry a line, trimmed, without blank lines or repeats, in the order typed.</summary>
    private static string List(string? typed) => string.Join('\n', ModerationOptions.Lines(typed?.Replace("\r", "", StringComparison.Ordinal)));

    private static string Number(string? typed) => WholeNumberAttribute.TryParse(typed, out var value) ? Text(value) : "";
}

/// <summary>A number from 0 to 1 typed in a text field (0.7 or 0,7).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FractionAttribute : ValidationAttribute
{
    public static bool TryParse(string? typed, out double value) =>
        double.TryParse(typed?.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && value is >= 0 and <= 1;

    public override bool IsValid(object? value) => value is not string typed || string.IsNullOrWhiteSpace(typed) || TryParse(typed, out _);

    public override string FormatErrorMessage(string name) => $"{name} must be a number from 0 to 1, such as 0.7.";
}

/// <summary>What a sample text meets under the rules as typed: the words each list finds in it, and its links.</summary>
public sealed record RulesTrial(string Sample, IReadOnlyList<RulesTrial.Piece> Pieces, IReadOnlyList<WordMatch> Banned,
    IReadOnlyList<WordMatch> Suspect, IReadOnlyList<WordMatch> Spam, int Links, int MaxLinks)
{
    /// <summary>A stretch of the sample, and the list that caught it (null: nothing did).</summary>
    public sealed record Piece(string Text, string? Caught);

    public static RulesTrial Run(RulesInput input)
    {
        var sample = input.Sample ?? "";
        var rules = input.ToOptions();
        var banned = new WordMatcher(rules.BannedWordList, rules.AllowedWordList).Find(sample);
        var suspect = new WordMatcher(rules.SuspectWordList, rules.AllowedWordList).Find(sample);
        var spam = new WordMatcher(rules.SpamWordList, rules.AllowedWordList).Find(sample);
        var marks = banned.Select(m => (m.Start, m.Length, Caught: "banned"))
            .Concat(suspect.Select(m => (m.Start, m.Length, Caught: "suspect")))
            .Concat(spam.Select(m => (m.Start, m.Length, Caught: "spam")))
            .OrderBy(m => m.Start).ToList();
        var pieces = new List<Piece>();
        var at = 0;
        foreach (var (start, length, caught) in marks)
        {
            if (start < at)
            {
                continue; // overlapping another list's find: the first one shown is enough
            }
            if (start > at)
            {
                pieces.Add(new Piece(sample[at..start], null));
            }
            pieces.Add(new Piece(sample.Substring(start, length), caught));
            at = start + length;
        }
        if (at < sample.Length)
        {
            pieces.Add(new Piece(sample[at..], null));
        }
        return new RulesTrial(sample, pieces, banned, suspect, spam, Screening.Links.In(sample).Count, rules.MaxLinks);
    }
}
