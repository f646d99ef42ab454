using System.Security.Claims;
using System.Security.Cryptography;
using Gazette.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Accounts.Sessions;

/// <summary>
/// Keeps sign-in tickets in the database and only their key in the cookie. A self-contained cookie stays valid until it
/// expires whatever the server does; with the ticket here, signing out (or "sign out everywhere", or a new password)
/// ends the session for every copy of the cookie. The database, not memory or Redis, because sessions must survive a
/// restart of a one-machine site and be seen by every instance of a larger one. Its cost is one read by primary key
/// per signed-in request (measured in docs/benchmarks.md).
/// </summary>
public sealed class DatabaseTicketStore(IServiceScopeFactory scopes, TimeProvider clock) : ITicketStore
{
    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
        var userId = UserIdOf(ticket);
        var now = clock.GetUtcNow().UtcDateTime;
        // A reader's expired sessions are swept when they sign in again, so the table holds live sessions and few more.
        await db.AccountSessions.Where(s => s.UserId == userId && s.ExpiresAt < now).ExecuteDeleteAsync();
        db.AccountSessions.Add(new AccountSession { Id = id, UserId = userId, Ticket = Serialize(ticket), ExpiresAt = ExpiresAt(ticket) });
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>
    /// A renewed or re-issued ticket under the same key. The row may be gone (signed out everywhere, then signed in
    /// again in this browser): it is written again, since the caller has just signed this browser in.
    /// </summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
        var session = await db.AccountSessions.FindAsync(key);
        if (session is null)
        {
            db.AccountSessions.Add(new AccountSession { Id = key, UserId = UserIdOf(ticket), Ticket = Serialize(ticket), ExpiresAt = ExpiresAt(ticket) });
        }
        else
        {
            (session.UserId, session.Ticket, session.ExpiresAt) = (UserIdOf(ticket), Serialize(ticket), ExpiresAt(ticket));
        }
        await db.SaveChangesAsync();
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
        var ticket = await db.AccountSessions.AsNoTracking().Where(s => s.Id == key).Select(s => s.Ticket).FirstOrDefaultAsync();
        return ticket is null ? null : TicketSerializer.Default.Deserialize(ticket);
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
        await db.AccountSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }

    private static byte[] Serialize(AuthenticationTicket ticket) => TicketSerializer.Default.Serialize(ticket);

    private static DateTime? ExpiresAt(AuthenticationTicket ticket) => ticket.Properties.ExpiresUtc?.UtcDateTime;

    private static string UserIdOf(AuthenticationTicket ticket) =>
        ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A session ticket without a user id.");
}
