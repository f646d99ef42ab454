using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Gazette.Data;

/// <summary>
/// PostgreSQL's part of the start-up. Instances that start together take turns: each holds a session advisory lock
/// while it creates the database if missing, migrates, and adds roles and demo content, so none of that runs twice at
/// once. (EF Core's own migration lock starts after the history table is created, and covers neither roles nor demo.)
/// Connection problems are told in one line naming the server, never the password.
/// </summary>
internal static class PostgresDatabase
{
    /// <summary>Advisory locks are per database, so this key only ever meets other Gazette instances on the same one.</summary>
    private const long StartupLockKey = 0x47617a65747465; // "Gazette"

    /// <summary>How long an instance waits for the others to finish preparing the database.</summary>
    private static readonly TimeSpan TurnWait = TimeSpan.FromMinutes(10);

    private const string WhatToDo = "Check ConnectionStrings:Gazette and that the server is running and lets this user in.";

    /// <summary>Waits for this instance's turn to prepare the database, creating the database first if it does not exist.</summary>
    public static async Task<IAsyncDisposable> TakeStartupTurnAsync(DatabaseSettings settings, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(settings.ConnectionString);
        var waiting = false;
        try
        {
            try
            {
                await connection.OpenAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                await CreateDatabaseAsync(settings, cancellationToken);
                await connection.OpenAsync(cancellationToken);
            }
            await using (var command = new NpgsqlCommand($"SELECT pg_advisory_lock({StartupLockKey})", connection))
            {
                // Another instance may be migrating and loading the demo: a slow machine takes its time.
                command.CommandTimeout = (int)TurnWait.TotalSeconds;
                waiting = true;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            return new Turn(connection);
        }
        catch (NpgsqlException e) when (waiting && e.InnerException is TimeoutException)
        {
            await connection.DisposeAsync();
            throw new GazetteStartupException(
                $"It waited {TurnWait.TotalMinutes:0} minutes for another instance to finish preparing its PostgreSQL database {settings.Where}. If none is starting, look for a session holding advisory lock {StartupLockKey} (pg_locks).", e);
        }
        catch (Exception e) when (e is DbException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new GazetteStartupException($"It cannot use its PostgreSQL database {settings.Where}: {Describe(e)} {WhatToDo}", e);
        }
    }

    public static async Task MigrateAsync(GazetteDb db, DatabaseSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            // Made first, so that EF Core does not log a failed read of a history table that is not there yet (efcore#37328).
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            // A migration that rewrites a big table may take longer than a request's 30 seconds.
            var requestTimeout = db.Database.GetCommandTimeout();
            db.Database.SetCommandTimeout(TurnWait);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                db.Database.SetCommandTimeout(requestTimeout);
            }
        }
        catch (DbException e)
        {
            throw new GazetteStartupException($"It cannot prepare its PostgreSQL database {settings.Where}: {e.Message}", e);
        }
    }

    /// <summary>The error and, for a connection that failed, why (refused, unknown host ...).</summary>
    private static string Describe(Exception e) =>
        e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{e.Message.TrimEnd('.')} ({inner.Message.TrimEnd('.')})."
            : e.Message;

    /// <summary>A database that is not there yet is made, as SQLite's file is, when the user may create databases.</summary>
    private static async Task CreateDatabaseAsync(DatabaseSettings settings, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var name = target.Database ?? target.Username ?? "";
        var server = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another instance made it a moment ago (or is making it: then PostgreSQL reports the clash as a unique violation).
        }
    }

    private sealed class Turn(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({StartupLockKey})", connection);
                await command.ExecuteNonQueryAsync();
            }
            catch (DbException)
            {
                // The session is gone, and its lock with it.
            }
            await connection.DisposeAsync();
        }
    }
}
