namespace Gazette.Comments;

/// <summary>One reader's vote on one comment: +1 or -1. A reader changes it; they never add a second one.</summary>
public sealed class CommentVote
{
    public int Id { get; set; }
    public int CommentId { get; set; }

    /// <summary>"u:{account id}" for members, "g:{guest key hash}" for guests.</summary>
    public required string VoterKey { get; set; }

    /// <summary>Keyed hash of the voter's IP: a guest who clears cookies still cannot vote twice from the same address.</summary>
    public string? IpHash { get; set; }

    public int Value { get; set; }
    public DateTime CastAt { get; set; }
}
