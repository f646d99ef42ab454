using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gazette.Tests.Infrastructure;

/// <summary>
/// The database a test site starts with, migrated and with the demo or without it, made once per run (per database,
/// and clock for the demo) and copied into each new site's data folder: the SQLite file, or a PostgreSQL database made
/// with the seed's as its template, and the demo's images. Migrating a new database and loading the demo was most of
/// a test site's start (about 0.3 s of 1 on SQLite; 1.2 s of 2 on PostgreSQL, 0.7 s of it the migrations), paid by
/// hundreds of sites a run. A site starting from the seed migrates (nothing to do) and finds the demo there, as a
/// site does when it starts again. The keys and secrets in the folder stay its own.
/// Tests of a first start itself use a data folder of their own, which is never seeded (<see cref="GazetteFactory"/>).
/// </summary>
public static class DemoSeed
{
    private static readonly ConcurrentDictionary<(DateTimeOffset Now, bool Demo, bool Postgres), Lazy<string>> Seeds = new();

    /// <summary>
    /// Puts the seed into a new site's empty data folder: migrated, with the demo as loaded on a clock reading
    /// <paramref name="now"/> or without it.
    /// </summary>
    public static void CopyInto(string dataFolder, DateTimeOffset now, bool demo, bool postgres)
    {
        var seed = Seeds.GetOrAdd((now, demo, postgres), key => new Lazy<string>(() => Make(key.Now, key.Demo, key.Postgres))).Value;
        if (postgres)
        {
            // One copy at a time: PostgreSQL refuses a template that another CREATE DATABASE is reading.
            lock (Seeds)
            {
                TestDatabase.CopyDatabase(seed, dataFolder);
            }
        }
        else
        {
            foreach (var file in Directory.GetFiles(seed, "gazette.db*").Where(file => !file.EndsWith("-shm", StringComparison.Ordinal)))
            {
                File.Copy(file, Path.Combine(dataFolder, Path.GetFileName(file)));
            }
        }
        if (demo)
        {
            Directory.CreateDirectory(Path.Combine(dataFolder, "media", "demo"));
            foreach (var image in Directory.GetFiles(Path.Combine(seed, "media", "demo")))
            {
                File.Copy(image, Path.Combine(dataFolder, "media", "demo", Path.GetFileName(image)));
            }
        }
    }

    /// <summary>A site started and stopped on a folder of its own, which stays until the run ends (its database with it).</summary>
    private static string Make(DateTimeOffset now, bool demo, bool postgres)
    {
        var site = new SeedSite(demo);
        site.Clock.SetUtcNow(now);
        _ = site.Services; // starts it: migrations, demo
        site.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (postgres)
        {
            NpgsqlConnection.ClearAllPools(); // a template must have no connection
        }
        else
        {
            SqliteConnection.ClearAllPools(); // the last connection's close folds the log into the file
        }
        return site.DataFolder;
    }

    private sealed class SeedSite(bool demo) : GazetteFactory
    {
        protected override bool LoadDemo => demo;

        protected override bool FromSeed => false;

        protected override bool KeepsData => true;
    }
}
