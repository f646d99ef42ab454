using System.Net.Sockets;
using Gazette.Data;
using Gazette.Operations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Gazette.Tests.Operations;

/// <summary>Which failures are a database outage (503) and which are not (a bug or a conflict stays what it was).</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public void ServerThatCannotBeReachedIsAnOutage() =>
        Assert.True(DatabaseOutage.Is(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));

    [Fact]
    public void ServerShuttingDownIsAnOutageEvenInsideEfCoresException() =>
        Assert.True(DatabaseOutage.Is(new DbUpdateException("saving", new PostgresException("terminating connection", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown))));

    [Fact]
    public void TimeoutIsAnOutage() =>
        Assert.True(DatabaseOutage.Is(new NpgsqlException("Exception while reading from stream", new TimeoutException())));

    [Fact]
    public void ConnectionCutBetweenTwoCommandsIsAnOutage()
    {
        // What the fault test met: the server ended the session between two commands of one transaction, and Npgsql
        // then refuses the next command as it refuses one on a connection that is not open.
        using var connection = new NpgsqlConnection("Host=127.0.0.1");
        using var command = new NpgsqlCommand("SELECT 1", connection);
        var refused = Assert.Throws<InvalidOperationException>(() => command.ExecuteNonQuery());

        Assert.True(DatabaseOutage.Is(refused));
    }

    [Fact]
    public void BusyOrUnopenableSqliteFileIsAnOutage()
    {
        Assert.True(DatabaseOutage.Is(new SqliteException("database is locked", 5)));
        Assert.True(DatabaseOutage.Is(new SqliteException("unable to open database file", 14)));
    }

    [Fact]
    public void AFullDiskIsToldApartFromADatabaseThatCannotBeReached()
    {
        // SQLITE_FULL, alone or with an extended code; PostgreSQL's disk_full inside EF Core's exception; a file write (media).
        Assert.True(DatabaseOutage.IsDiskFull(new SqliteException("database or disk is full", 13)));
        Assert.True(DatabaseOutage.IsDiskFull(new SqliteException("database or disk is full", 13 | (1 << 8))));
        Assert.True(DatabaseOutage.IsDiskFull(new DbUpdateException("saving", new PostgresException("could not extend file", "ERROR", "ERROR", PostgresErrorCodes.DiskFull))));
        Assert.True(DatabaseOutage.IsDiskFull(new IOException("No space left on device", 28)));

        Assert.False(DatabaseOutage.IsDiskFull(new SqliteException("database is locked", 5)));
        Assert.False(DatabaseOutage.IsDiskFull(new PostgresException("out of memory", "ERROR", "ERROR", PostgresErrorCodes.OutOfMemory)));
        Assert.False(DatabaseOutage.IsDiskFull(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.False(DatabaseOutage.IsDiskFull(new IOException("The process cannot access the file")));
    }

    [Fact]
    public void AFullDiskStillCountsAsNoFaultOfTheRequest() =>
        Assert.True(DatabaseOutage.Is(new DbUpdateException("saving", new PostgresException("could not extend file", "ERROR", "ERROR", PostgresErrorCodes.DiskFull))));

    [Fact]
    public void AFullDiskCountsUntilASaveGoesThroughOrAMinuteAfterTheLastFailure()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var watch = new DiskFullWatch(clock);

        watch.ReportFull();
        var atOnce = watch.FullSince;
        clock.Advance(DiskFullWatch.Remembered - TimeSpan.FromSeconds(1));
        var justBefore = watch.FullSince;
        clock.Advance(TimeSpan.FromSeconds(1));
        var after = watch.FullSince;
        watch.ReportFull();
        watch.ReportSaved();
        var saved = watch.FullSince;

        Assert.Equal(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero), atOnce);
        Assert.Equal(atOnce, justBefore);
        Assert.Null(after);
        Assert.Null(saved);
    }

    [Fact]
    public void ConstraintViolationIsNotAnOutage()
    {
        Assert.False(DatabaseOutage.Is(new DbUpdateException("saving", new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation))));
        Assert.False(DatabaseOutage.Is(new DbUpdateException("saving", new SqliteException("UNIQUE constraint failed", 19))));
        Assert.False(DatabaseOutage.Is(new InvalidOperationException("a bug")));
    }

    [Fact]
    public void PostgresConnectionGetsShortTimeoutsUnlessItGivesItsOwn()
    {
        var defaults = new NpgsqlConnectionStringBuilder(DatabaseSettings.WithOutageTimeouts("Host=db;Username=gazette;Password=p"));
        var own = new NpgsqlConnectionStringBuilder(DatabaseSettings.WithOutageTimeouts("Host=db;Username=gazette;timeout=20;CommandTimeout=60"));

        Assert.Equal((DatabaseSettings.PostgresConnectTimeout, DatabaseSettings.PostgresCommandTimeout), (defaults.Timeout, defaults.CommandTimeout));
        Assert.Equal("p", defaults.Password);
        Assert.Equal((20, 60), (own.Timeout, own.CommandTimeout));
    }
}
