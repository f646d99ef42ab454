namespace Gazette.Accounts;

/// <summary>What the account pages write to the log, under the category "Gazette.Accounts".</summary>
public static partial class AccountLog
{
    public const string Category = "Gazette.Accounts";

    /// <summary>Development only: the account mail's link, for whoever runs the site locally to follow.</summary>
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Account mail {Kind} is queued to {Email}: {Link}")]
    public static partial void MailWithLink(ILogger logger, Mail.AccountMessageKind kind, string email, string link);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Account {UserId} was created")]
    public static partial void AccountCreated(ILogger logger, string userId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Account {UserId} is locked and cannot sign in")]
    public static partial void LockedOut(ILogger logger, string userId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Account {UserId} has a new password")]
    public static partial void PasswordReset(ILogger logger, string userId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Account mail {Kind} is queued")]
    public static partial void MailQueued(ILogger logger, Mail.AccountMessageKind kind);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Account {UserId} signed out everywhere")]
    public static partial void SignedOutEverywhere(ILogger logger, string userId);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Account {UserId} verified its address")]
    public static partial void AddressVerified(ILogger logger, string userId);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Sign-in attempts for one account from one network are slowed down after failures")]
    public static partial void SignInThrottled(ILogger logger);
}
