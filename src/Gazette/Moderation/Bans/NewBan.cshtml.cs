using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using Gazette.Accounts;
using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Moderation;

/// <summary>
/// /admin/moderation/bans/new: a ban on an account, an e-mail address, an IP address or a guest cookie, for a while
/// or for good, open or shadow. From a comment (?comment=id) the form offers that comment's identities; from an
/// author's history (?kind=&amp;value=) it is filled in; otherwise the moderator types an account's e-mail or id,
/// an e-mail address or an IP address (hashed at once: the address itself is never stored).
/// </summary>
[Authorize(Policy = StaffPolicies.Moderate)]
public sealed class NewBanModel(GazetteDb db, Banning banning, IpHasher ipHasher, IOptions<SiteOptions> site, TimeProvider clock) : PageModel
{
    public const int MaxReasonLength = 500;

    /// <summary>What the duration list offers, in hours (0: no end).</summary>
    public static readonly (string Value, string Name)[] Durations =
        [("", "No end (until lifted)"), ("24", "1 day"), ("168", "1 week"), ("720", "30 days"), ("2160", "90 days"), ("8760", "1 year")];

    public sealed class BanInput
    {
        public BanKind? Kind { get; set; }
        public string? Value { get; set; }
        public int? CommentId { get; set; }
        public string? Label { get; set; }

        [Display(Name = "Reason")]
        [Required(ErrorMessage = "Say why: the reason stays with the ban, for the moderators after you.")]
        [StringLength(MaxReasonLength, ErrorMessage = "The reason can be at most {1} characters long.")]
        public string? Reason { get; set; }

        [Display(Name = "For")]
        public string? Duration { get; set; }

        [Display(Name = "Or until")]
        public string? Until { get; set; }

        public bool Shadow { get; set; }
    }

    /// <summary>An identity of the comment the ban is made from, as the form offers it.</summary>
    public sealed record Choice(BanKind Kind, string Value, string Shown);

    [BindProperty] public BanInput Input { get; set; } = new();

    public IReadOnlyList<Choice> Choices { get; private set; } = [];
    public string? CommentAuthor { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? comment, string? kind, string? value, CancellationToken cancellationToken)
    {
        if (comment is { } id)
        {
            if (!await LoadChoicesAsync(id, cancellationToken))
            {
                return NotFound();
            }
            Input.CommentId = id;
            Input.Kind = Choices.Count > 0 ? Choices[0].Kind : null;
            Input.Label = CommentAuthor;
        }
        else if (kind is not null)
        {
            Input.Kind = AuthorsModel.Kinds.Contains(kind) ? AuthorsModel.BanKindOf(kind) : null;
            Input.Value = value;
            if (Input.Kind == BanKind.Account && value is not null)
            {
                Input.Label = await db.Users.Where(u => u.Id == value).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        string? value = null;
        if (Input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            ModelState.AddModelError("Input.Kind", "Choose what to ban.");
        }
        else if (Input.CommentId is { } commentId)
        {
            if (!await LoadChoicesAsync(commentId, cancellationToken))
            {
                return NotFound();
            }
            value = Choices.FirstOrDefault(c => c.Kind == kind)?.Value;
            if (value is null)
            {
                ModelState.AddModelError("Input.Kind", $"This comment has no {Banning.KindName(kind).ToLowerInvariant()} to ban.");
            }
        }
        else
        {
            value = await NormalizeAsync(kind, Input.Value?.Trim(), cancellationToken);
        }
        var expiresAt = Expiry();
        if (!ModelState.IsValid)
        {
            if (Input.CommentId is { } id && Choices.Count == 0)
            {
                await LoadChoicesAsync(id, cancellationToken);
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var ban = await banning.CreateAsync(Input.Kind!.Value, value!, Input.Reason!.Trim(), Input.Label?.Trim() ?? "", Input.Shadow, expiresAt, Moderator.Of(User), cancellationToken);
        TempData["Done"] = $"Banned: {Banning.Describe(ban)}.";
        return Redirect("/admin/moderation/bans");
    }

    private async Task<bool> LoadChoicesAsync(int commentId, CancellationToken cancellationToken)
    {
        var comment = await db.Comments.AsNoTracking().Where(c => c.Id == commentId)
            .Select(c => new { c.AuthorName, c.UserId, c.AuthorEmail, c.IpHash, c.GuestKeyHash })
            .FirstOrDefaultAsync(cancellationToken);
        if (comment is null)
        {
            return false;
        }
        var account = comment.UserId is null ? null
            : await db.Users.Where(u => u.Id == comment.UserId).Select(u => u.DisplayName + " (" + u.Email + ")").FirstOrDefaultAsync(cancellationToken);
        var choices = new List<Choice>();
        if (comment.UserId is not null)
        {
            choices.Add(new(BanKind.Account, comment.UserId, account ?? comment.UserId));
        }
        if (comment.GuestKeyHash is not null)
        {
            choices.Add(new(BanKind.Guest, comment.GuestKeyHash, $"this guest’s browser (cookie {Short(comment.GuestKeyHash)})"));
        }
        if (!string.IsNullOrWhiteSpace(comment.AuthorEmail))
        {
            choices.Add(new(BanKind.Email, comment.AuthorEmail.Trim().ToLowerInvariant(), comment.AuthorEmail.Trim().ToLowerInvariant()));
        }
        if (comment.IpHash is not null)
        {
            choices.Add(new(BanKind.Ip, comment.IpHash, $"the IP address it came from (hashed {Short(comment.IpHash)})"));
        }
        Choices = choices;
        CommentAuthor = string.IsNullOrWhiteSpace(comment.AuthorName) ? Gazette.Comments.CommentView.AnonymousName : comment.AuthorName;
        return true;
    }

    public static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;

    /// <summary>The value stored for what the moderator typed, or null with the reason in the form.</summary>
    private async Task<string?> NormalizeAsync(BanKind kind, string? typed, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(typed))
        {
            ModelState.AddModelError("Input.Value", kind switch
            {
                BanKind.Account => "Enter the account’s e-mail address.",
                BanKind.Email => "Enter the e-mail address to ban.",
                BanKind.Ip => "Enter the IP address to ban.",
                _ => "Enter the guest cookie’s hash (from a comment’s history link).",
            });
            return null;
        }
        switch (kind)
        {
            case BanKind.Account:
                var normalized = typed.ToUpperInvariant();
                var user = await db.Users.Where(u => u.Id == typed || u.NormalizedEmail == normalized)
                    .Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(cancellationToken);
                if (user is null)
                {
                    ModelState.AddModelError("Input.Value", "No account has this e-mail address or id.");
                    return null;
                }
                if (string.IsNullOrWhiteSpace(Input.Label))
                {
                    Input.Label = user.DisplayName;
                }
                return user.Id;
            case BanKind.Email:
                if (!new EmailAddressAttribute().IsValid(typed))
                {
                    ModelState.AddModelError("Input.Value", "That is not an e-mail address.");
                    return null;
                }
                return typed.ToLowerInvariant();
            case BanKind.Ip:
                if (IPAddress.TryParse(typed, out var address))
                {
                    return ipHasher.Hash(address);
                }
                if (IsHash(typed))
                {
                    return typed.ToLowerInvariant(); // a hash taken from an author's history
                }
                ModelState.AddModelError("Input.Value", "That is not an IP address (such as 203.0.113.7 or 2001:db8::1).");
                return null;
            default:
                if (IsHash(typed))
                {
                    return typed.ToLowerInvariant();
                }
                ModelState.AddModelError("Input.Value", "A guest cookie is banned by its hash: 64 hexadecimal characters, as in an author’s history link.");
                return null;
        }
    }

    private static bool IsHash(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);

    /// <summary>The end of the ban: after a duration, or at the start of a day in the site's time zone; null for none.</summary>
    private DateTime? Expiry()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hasDuration = !string.IsNullOrEmpty(Input.Duration);
        var hasDate = !string.IsNullOrWhiteSpace(Input.Until);
        if (hasDuration && hasDate)
        {
            ModelState.AddModelError("Input.Until", "Choose a duration or an end date, not both.");
            return null;
        }
        if (hasDuration)
        {
            if (!int.TryParse(Input.Duration, NumberStyles.None, CultureInfo.InvariantCulture, out var hours) || hours is < 1 or > 24 * 366 * 10)
            {
                ModelState.AddModelError("Input.Duration", "Choose one of the durations listed.");
                return null;
            }
            return now.AddHours(hours);
        }
        if (hasDate)
        {
            if (!DateOnly.TryParseExact(Input.Until!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                ModelState.AddModelError("Input.Until", "Enter the end date as year-month-day, such as 2026-12-31.");
                return null;
            }
            var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            // Where a clock change skips midnight, the day starts an hour later.
            var end = TimeZoneInfo.ConvertTimeToUtc(site.Value.Zone.IsInvalidTime(midnight) ? midnight.AddHours(1) : midnight, site.Value.Zone);
            if (end <= now)
            {
                ModelState.AddModelError("Input.Until", "The end date has to be in the future.");
                return null;
            }
            return end;
        }
        return null;
    }
}
