namespace Gazette.Accounts;

/// <summary>What the account pages write to the log, under the category "Gazette.Accounts".</summary>
public static partial class AccountLog
{
    public const string Category = "Gazette.Accounts";

    /// <summary>Until e-mail delivery exists, the reset link is given to whoever runs the site, through the log.</summary>
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Password reset link for {Email}: {ResetLink}")]
    public static partial void PasswordResetLink(ILogger logger, string email, string resetLink);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Account {UserId} was created")]
    public static partial void AccountCreated(ILogger logger, string userId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Account {UserId} is locked out after failed sign-ins")]
    public static partial void LockedOut(ILogger logger, string userId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Account {UserId} has a new password")]
    public static partial void PasswordReset(ILogger logger, string userId);
}
