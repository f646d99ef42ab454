namespace Gazette.Administration;

/// <summary>How an account's lockout reads on the users pages.</summary>
public static class AccountStates
{
    /// <summary>An administrator's lock has no end; failed sign-ins lock for a while.</summary>
    public static readonly DateTimeOffset LockedByAdministrator = DateTimeOffset.MaxValue;

    public static bool IsLocked(DateTimeOffset? lockoutEnd, DateTime now) => lockoutEnd is { } end && end.UtcDateTime > now;

    public static bool IsLockedByAdministrator(DateTimeOffset? lockoutEnd) => lockoutEnd is { Year: >= 9999 };

    public static string Describe(DateTimeOffset? lockoutEnd, DateTime now, Infrastructure.DisplayDates dates) =>
        !IsLocked(lockoutEnd, now) ? "Active"
        : IsLockedByAdministrator(lockoutEnd) ? "Locked by an administrator"
        : $"Locked until {dates.DayAndTime(lockoutEnd!.Value.UtcDateTime)} after failed sign-ins";
}
