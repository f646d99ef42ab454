namespace Gazette.Mail;

/// <summary>Whom a mail goes to: an address, and the name to greet them by (their display name), if any.</summary>
public sealed record MailRecipient(string Address, string? Name = null);
