namespace Gazette.Export;

public sealed partial class JsonExport
{
    /// <summary>
    /// What <c>export json</c> leaves out on purpose, by entity ("GazetteUser") or by entity and property
    /// ("GazetteUser.PasswordHash"), with the reason: secrets that sign in or mail sign-in links, what is made again from
    /// what is exported, and the transient state of a running site. Everything else in the model is exported (the
    /// coverage test holds every table and column to that), and docs/export.md lists the same.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> LeftOut = new Dictionary<string, string>
    {
        // Secrets.
        ["GazetteUser.PasswordHash"] = "a secret: owners choose a new password with \"Forgot your password?\"",
        ["GazetteUser.SecurityStamp"] = "a secret that signs cookies and mailed links: each site makes its own",
        ["GazetteUser.ConcurrencyStamp"] = "Identity's stamp for concurrent edits: each site makes its own",
        ["IdentityUserToken"] = "two-factor keys and recovery codes: they never leave a site, owners set them up again",
        ["IdentityUserLogin"] = "external sign-ins, which Gazette does not offer",
        ["IdentityUserClaim"] = "Identity's claims, which Gazette does not keep (roles travel in accounts' roles)",
        ["IdentityRoleClaim"] = "Identity's role claims, which Gazette does not keep",
        ["IdentityRole"] = "the roles every Gazette makes at start; an account's roles travel by name",
        ["AccountSession"] = "sign-in sessions: secrets; members sign in again on the new site",
        ["OutboxMessage"] = "the mail outbox: messages hold sign-in and confirmation links; what is unsent stays with the old site",
        ["NotifyMember.FeedToken"] = "the secret in the address of a member's replies feed: they take a new address at /account/notifications",

        // Made again from what is exported.
        ["GazetteUser.NormalizedUserName"] = "made again from the user name",
        ["GazetteUser.NormalizedEmail"] = "made again from the e-mail address",
        ["GazetteUser.DisplayNameSkeleton"] = "made again from the display name",
        ["Author.NameSkeleton"] = "made again from the byline's name",
        ["Article.BodyText"] = "made again from the Markdown",
        ["Comment.WriterFingerprint"] = "made again from the text and its writer",
        ["Comment.EmailFingerprint"] = "made again from the text and the e-mail address",

        // The moment's state of a running site.
        ["LiveEvent"] = "live updates of the last minutes for readers online, cleared by the hour",
        ["EditorPresence"] = "who has an article's editor open this minute",
        ["NotificationSent"] = "notification mail sent in the last day, counted by the rate limits only",
        ["NotifyCursor"] = "where the staff alerts got to: the new site starts at its newest appeal, and tells of a full queue once",
    };
}
