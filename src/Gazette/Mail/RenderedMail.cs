namespace Gazette.Mail;

/// <summary>A template rendered: its subject (the HTML's title), the HTML part and the plain-text part read from it.</summary>
public sealed record RenderedMail(string Subject, string Html, string Text);
