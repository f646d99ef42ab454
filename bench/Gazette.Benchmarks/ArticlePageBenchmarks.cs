using System.Globalization;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Gazette.Comments;
using Gazette.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gazette.Benchmarks;

/// <summary>
/// The whole article page, /articles/{slug}, rendered by the real site hosted in this process
/// (<see cref="WebApplicationFactory{TEntryPoint}"/>, no network): routing, every query, the thread built and
/// the Razor page rendered, with the page cache off. <see cref="WholeThread"/> threads per page puts the whole
/// discussion on one page: with 10,000 comments that is the time to build and render a 10,000-comment tree.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public partial class ArticlePageBenchmarks
{
    /// <summary>More top-level comments than any article here has: the whole discussion on the first page.</summary>
    public const int WholeThread = 100_000;

    private WebApplicationFactory<Program>? factory;
    private HttpClient? client;
    private string path = "";

    /// <summary>The article's comments; <see cref="BenchArticles.OneBusyComment"/> (20001) is one comment holding 20,000 replies.</summary>
    [Params(14, 300, 2_000, 10_000, BenchArticles.OneBusyComment)]
    public int Comments { get; set; }

    /// <summary>50 is the site's default; <see cref="WholeThread"/> (100000) renders the whole discussion.</summary>
    [Params(50, WholeThread)]
    public int ThreadsPerPage { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var threadsPerPage = ThreadsPerPage;
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseContentRoot(RepoPaths.WebProject);
            web.UseSetting("Storage:DataFolder", SharedDataFolder.Path);
            web.UseSetting("PageCache:Enabled", "false");
            web.UseSetting("Discussion:ThreadsPerPage", threadsPerPage.ToString(CultureInfo.InvariantCulture));
            // The whole tree means every level too: deeper than the generator ever nests (8).
            web.UseSetting("Discussion:MaxDisplayDepth", threadsPerPage == WholeThread ? "20" : "5");
            // ... and every comment: no budget cuts the page (the site's default budget applies to the first page).
            if (threadsPerPage == WholeThread)
            {
                web.UseSetting("Discussion:CommentBudget", "100000000");
            }
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
            web.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
            if (threadsPerPage > 1000)
            {
                // DiscussionOptions allows at most 1,000 threads per page; lift that limit here only, to see the whole tree.
                web.ConfigureTestServices(services => services.RemoveAll<IValidateOptions<DiscussionOptions>>());
            }
        });

        // Program.cs prepares the database after Build(), which the factory does not run: do it here (migrations, demo).
        await factory.Services.GetRequiredService<DatabaseStartup>().PrepareAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // The first case seeds the shared folder; the others find it seeded.
            var db = scope.ServiceProvider.GetRequiredService<GazetteDb>();
            await BenchArticles.SeedAsync(db, BenchArticles.ReadCommentPool(), [2_000, 10_000], TextWriter.Null);
            await BenchArticles.SeedBusyCommentAsync(db, BenchArticles.ReadCommentPool(), TextWriter.Null);
        }

        client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        path = $"/articles/{BenchArticles.Slug(Comments)}";

        // Check the page once: a 200, and with the whole thread on the page, every comment in it.
        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}.");
        }
        var rendered = CommentItem().Count(html);
        Console.WriteLine($"// GET {path} with {threadsPerPage} threads per page: {html.Length:N0} characters, {rendered:N0} comments rendered");
        if (threadsPerPage == WholeThread && rendered != Comments)
        {
            throw new InvalidOperationException($"Expected the whole discussion of {Comments:N0} comments on the page, found {rendered:N0}.");
        }

        // Each case starts a new host: request the page for a while so that the JIT has moved its hot paths to
        // optimized code before BenchmarkDotNet's few warm-up iterations (otherwise the first case looks slower).
        var warmUp = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 200 && warmUp.Elapsed < TimeSpan.FromSeconds(2); i++)
        {
            await ArticlePage();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        client?.Dispose();
        factory?.Dispose();
    }

    [Benchmark]
    public async Task<int> ArticlePage()
    {
        using var response = await client!.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode ? body.Length : throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode}");
    }

    [GeneratedRegex("<li class=\"comment[^\"]*\" id=\"comment-")]
    private static partial Regex CommentItem();

    /// <summary>One data folder for every case of a run, seeded once, removed when the process ends.</summary>
    private static class SharedDataFolder
    {
        public static readonly string Path = Create();

        private static string Create()
        {
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"gazette-bench-{Environment.ProcessId}");
            Directory.CreateDirectory(path);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    SqliteConnection.ClearAllPools();
                    Directory.Delete(path, recursive: true);
                }
                catch (IOException)
                {
                    // Left for the system's temp cleaning.
                }
            };
            return path;
        }
    }
}
