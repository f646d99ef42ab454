using System.ComponentModel.DataAnnotations;

namespace Gazette.Moderation.Limits;

/// <summary>
/// Section "RateLimits": how fast one reader (an account or a guest cookie) and one IP address may write. Each kind of
/// write has its own allowance: <see cref="WriteLimit.PerIdentity"/> and <see cref="WriteLimit.PerIp"/> writes per
/// <see cref="WriteLimit.WindowSeconds"/>, all of which may be spent at once (a burst) and which come back evenly
/// over the window. The IP allowance is larger because many readers can share one address (an office, a mobile network).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>New comments and replies: the form, the inline form and the API.</summary>
    public WriteLimit Comments { get; set; } = new() { PerIdentity = 6, PerIp = 30, WindowSeconds = 60 };

    /// <summary>Edits and deletions of one's own comments.</summary>
    public WriteLimit Edits { get; set; } = new() { PerIdentity = 12, PerIp = 60, WindowSeconds = 60 };

    /// <summary>Votes: a reader going through a thread clicks many arrows quickly.</summary>
    public WriteLimit Votes { get; set; } = new() { PerIdentity = 60, PerIp = 300, WindowSeconds = 60 };

    /// <summary>Flags on comments.</summary>
    public WriteLimit Flags { get; set; } = new() { PerIdentity = 10, PerIp = 60, WindowSeconds = 60 };

    /// <summary>Sign-in, sign-up, forgot-password and reset-password forms (lockout still guards each account's password).</summary>
    public WriteLimit Accounts { get; set; } = new() { PerIdentity = 10, PerIp = 30, WindowSeconds = 300 };

    public WriteLimit For(WriteKind kind) => kind switch
    {
        WriteKind.Comment => Comments,
        WriteKind.Edit => Edits,
        WriteKind.Vote => Votes,
        WriteKind.Flag => Flags,
        WriteKind.Account => Accounts,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a limited kind of write."),
    };

    /// <summary>Every allowance by its configuration name, for validation at start.</summary>
    public IEnumerable<(string Name, WriteLimit Limit)> All =>
        [(nameof(Comments), Comments), (nameof(Edits), Edits), (nameof(Votes), Votes), (nameof(Flags), Flags), (nameof(Accounts), Accounts)];
}

public sealed class WriteLimit
{
    [Range(1, int.MaxValue)]
    public int PerIdentity { get; set; }

    [Range(1, int.MaxValue)]
    public int PerIp { get; set; }

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;

    public bool IsValid => PerIdentity >= 1 && PerIp >= 1 && WindowSeconds is >= 1 and <= 86_400;
}
