namespace Gazette.Infrastructure;

/// <summary>
/// Section "Hsts": Strict-Transport-Security, sent with every answer to a request that came over HTTPS (to Gazette
/// itself, or to a proxy it trusts that says so in X-Forwarded-Proto: see <c>ForwardedHeaders</c>), never over plain
/// HTTP and never in Development. Browsers that saw it come back over HTTPS only, for <see cref="MaxAgeDays"/>.
/// </summary>
public sealed class HstsPolicyOptions
{
    public const string Section = "Hsts";

    /// <summary>Off: no header (HTTPS ended elsewhere sends its own, say).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long browsers keep to HTTPS after the last answer: a year by default, two for preload lists.</summary>
    public int MaxAgeDays { get; set; } = 365;

    /// <summary>Every subdomain of the site's host too: only when all of them serve HTTPS.</summary>
    public bool IncludeSubDomains { get; set; }

    /// <summary>Asks to be built into browsers (hstspreload.org): hard to undo, so off unless chosen.</summary>
    public bool Preload { get; set; }

    public bool IsValid(out string? error)
    {
        error = (MaxAgeDays, IncludeSubDomains, Preload) switch
        {
            ( < 1, _, _) => "Hsts:MaxAgeDays must be 1 or more (365, a year, by default).",
            (_, false, true) => "Hsts:Preload needs Hsts:IncludeSubDomains: preload lists take a whole domain.",
            ( < 365, _, true) => "Hsts:Preload needs Hsts:MaxAgeDays of 365 or more.",
            _ => null,
        };
        return error is null;
    }
}
