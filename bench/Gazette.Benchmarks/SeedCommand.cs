using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Benchmarks;

/// <summary>
/// <c>seed --data-folder DIR --comments 2000,10000 [--same-first-page] [--seed-thread-first] [--busy-comment]</c>: see
/// <see cref="BenchArticles.SeedAsync"/>, <see cref="BenchArticles.SeedSameFirstPageAsync"/> and
/// <see cref="BenchArticles.SeedSeedThreadFirstAsync"/> (which <c>--seed-thread-first</c> uses instead of the first),
/// and <see cref="BenchArticles.SeedBusyCommentAsync"/>.
/// </summary>
public static class SeedCommand
{
    private const string Usage = "usage: Gazette.Benchmarks seed --data-folder DIR --comments 2000,10000 [--same-first-page] [--seed-thread-first] [--busy-comment]";

    public static async Task<int> RunAsync(string[] args)
    {
        string? folder = null;
        List<int>? sizes = null;
        var sameFirstPage = false;
        var seedThreadFirst = false;
        var busyComment = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data-folder" when i + 1 < args.Length:
                    folder = args[++i];
                    break;
                case "--comments" when i + 1 < args.Length:
                    var text = args[++i];
                    sizes = [];
                    foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!int.TryParse(part, out var size) || size < 1)
                        {
                            Console.Error.WriteLine($"'{part}' is not a number of comments. {Usage}");
                            return 2;
                        }
                        sizes.Add(size);
                    }
                    break;
                case "--same-first-page":
                    sameFirstPage = true;
                    break;
                case "--seed-thread-first":
                    seedThreadFirst = true;
                    break;
                case "--busy-comment":
                    busyComment = true;
                    break;
                default:
                    Console.Error.WriteLine($"Unexpected argument '{args[i]}'. {Usage}");
                    return 2;
            }
        }
        if (folder is null || sizes is null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(folder);
        // As the site does it: the SQLite provider with its own migrations (DatabaseSettings.Configure).
        var options = new DbContextOptionsBuilder<GazetteDb>();
        new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "gazette.db")}").Configure(options);
        await using var db = new GazetteDb(options.Options);
        await db.Database.MigrateAsync();
        try
        {
            if (seedThreadFirst)
            {
                await BenchArticles.SeedSeedThreadFirstAsync(db, BenchArticles.ReadCommentPool(), sizes, Console.Out);
            }
            else
            {
                await BenchArticles.SeedAsync(db, BenchArticles.ReadCommentPool(), sizes, Console.Out);
            }
            if (sameFirstPage)
            {
                await BenchArticles.SeedSameFirstPageAsync(db, BenchArticles.ReadCommentPool(), Console.Out);
            }
            if (busyComment)
            {
                await BenchArticles.SeedBusyCommentAsync(db, BenchArticles.ReadCommentPool(), Console.Out);
            }
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        return 0;
    }
}
