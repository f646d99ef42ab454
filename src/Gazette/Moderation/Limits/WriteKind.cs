namespace Gazette.Moderation.Limits;

/// <summary>The kinds of write that have an allowance of their own (see <see cref="RateLimitOptions"/>).</summary>
public enum WriteKind
{
    None = 0,
    Comment,
    Edit,
    Vote,
    Flag,
    Account,
}

/// <summary>
/// Puts an endpoint's writes (POST, PUT, PATCH, DELETE) under a rate limit: on a page model
/// (<c>[RateLimitedWrite(WriteKind.Flag)]</c>) or a minimal endpoint (<c>.WithMetadata(new RateLimitedWriteAttribute(WriteKind.Flag))</c>).
/// Writes whose address is in <see cref="WriteRoutes"/> are limited without it.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RateLimitedWriteAttribute(WriteKind kind) : Attribute
{
    public WriteKind Kind { get; } = kind;
}
