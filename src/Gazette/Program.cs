using Gazette.Accounts;
using Gazette.Administration;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Data;
using Gazette.Export;
using Gazette.Feeds;
using Gazette.Import;
using Gazette.Live;
using Gazette.Infrastructure;
using Gazette.Mail;
using Gazette.Media;
using Gazette.Profiles;
using Gazette.Moderation.Limits;
using Gazette.Privacy;
using Gazette.Moderation;
using Gazette.Moderation.Screening;
using Gazette.Scaling;
using Gazette.Search;
using Gazette.Newsroom;
using Gazette.SitePages;
using Gazette.Notifications;
using Gazette.Operations;
using Gazette.Operations.Telemetry;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;

var builder = WebApplication.CreateBuilder(ImportCommand.HostArgs(args));
// Built, not published (dotnet run, the tests, the benchmarks): the compressed copies of wwwroot are read where the build
// left them, in every environment, not only Development (a published site has them in wwwroot, and this does nothing);
// and served as built. ASP.NET Core 10.0's reloading of edited files, on by default for a build, sends gzip labelled as
// Brotli and marks fingerprinted files "no-cache": after editing wwwroot, restart (dotnet run builds it again).
builder.WebHost.UseStaticWebAssets();
builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";
// No "Server: Kestrel" on every answer: it tells a visitor nothing they need and costs bytes on each page-cache hit.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
// Settings saved on /admin/settings come last, so they win over appsettings.json, the environment and the command line.
builder.Configuration.AddSiteSettings();

builder.Services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateDataAnnotations()
    .Validate(site => TimeZoneInfo.TryFindSystemTimeZoneById(site.TimeZone, out _), "Site:TimeZone is not a time zone this machine knows.")
    .ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<DisplayDates>();
builder.Services.AddMemoryCache();
// Names and comments in any script are written as characters, not as numeric entities.
builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();

builder.Services.AddGazetteData(builder.Configuration);
builder.Services.AddPageCache();
builder.Services.AddAccounts();
builder.Services.AddAdministration();
builder.Services.AddArticles();
builder.Services.AddReadCounting();
builder.Services.AddDiscussion();
builder.Services.AddLive();
builder.Services.AddModerationQueue();
builder.Services.AddModerationScreening();
builder.Services.AddMedia();
builder.Services.AddProfiles();
builder.Services.AddSearch();
builder.Services.AddNewsroom();
builder.Services.AddSitePages();
builder.Services.AddWriteRateLimits();
builder.Services.AddPrivacy();
builder.Services.AddImport();
builder.Services.AddMail();
builder.Services.AddNotifications();
builder.Services.AddOperations();
builder.Services.AddExport();
builder.Services.AddTelemetry(builder.Configuration);
builder.Services.AddNulRefusal();
builder.Services.AddStrictTransportSecurity();
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<FeedsEndpoints.FeedContext>();
// Last: with Redis, it puts the shared page cache, keys, limits and read counts in place of the ones registered above.
builder.Services.AddScaling();

// Feature pages live in their feature folders (Articles/, Comments/ ...), so Razor Pages look from the project root.
builder.Services.AddRazorPages(options => options.RootDirectory = "/");
builder.Services.AddCompression();

var app = builder.Build();

// `admin create ...`: the first administrator, made from the command line (once the database is ready); the site does not start.
if (AdminCommand.IsInvoked(args))
{
    return await AdminCommand.RunAsync(app.Services, args);
}
// `backup --to FILE`: an online copy of the SQLite database, while the site runs elsewhere.
if (BackupCommand.IsInvoked(args))
{
    return await BackupCommand.RunAsync(app.Services, args);
}
// `export json|wordpress --to FILE`: the whole site, as Gazette's JSON or a WordPress export; the site does not start.
if (ExportCommand.IsInvoked(args))
{
    return await ExportCommand.RunAsync(app.Services, args);
}

// `import wordpress|disqus FILE ...`: another site's content brought in from the command line; the site does not start.
if (ImportCommand.IsInvoked(args))
{
    return await ImportCommand.RunAsync(app.Services, args);
}

// The data folder and database come first: anything wrong with them is told in one line, before anything else runs.
try
{
    await app.Services.GetRequiredService<DatabaseStartup>().PrepareAsync();
}
catch (GazetteStartupException e)
{
    Console.Error.WriteLine($"Gazette could not start. {e.Message}");
    return 1;
}
await app.Services.GetRequiredService<SiteSettingsStore>().LoadAsync();

// The reader's address and scheme as the reverse proxy saw them (ForwardedHeaders:KnownProxies), before anything uses them.
app.UseForwardedHeaders();
// The old site's /?p=123 and /?feed=rss2, imported: before the home page (and its cached copy) answers them.
app.UseOldHomeQueries();
// Anonymous readers get a page the page cache already answered here, before routing, authentication and the rest.
app.UsePageCacheFastLane();
app.UseRouting();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/status/500");
}
app.UseStrictTransportSecurity();
app.UseStatusCodePagesWithReExecute("/status/{0}");
// Inside those: the JSON API answers its own errors with problem details, so the friendly pages above never see them.
app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api =>
{
    api.UseExceptionHandler();
    api.UseStatusCodePages();
});
// TRACE, PROPFIND and other methods a page does not take: 405, before a staff page would send to the sign-in page.
app.UseAllowedMethods();
// Inside the exception handlers (not first, where the host would put them): a session checked while the database is
// down answers 503 too.
app.UseAuthentication();
app.UseAuthorization();
app.UseSecurityHeaders();
app.UseWebpRenditions(Path.Combine(DataServices.DataPath(app.Services), "media"));
app.UseStaticFiles(new StaticFileOptions
{
    RequestPath = "/media",
    FileProvider = new PhysicalFileProvider(Path.Combine(DataServices.DataPath(app.Services), "media")),
    // Media names carry a hash of their content, so a browser may keep them for good.
    OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.CacheControl] = StaticAssetCaching.Immutable,
});

// NUL in a query, a JSON body or a form is refused alike on both databases, before anything reads it.
app.UseNulRefusal();
// Writes over their rate limit stop here (429); Razor Pages forms are limited by a page filter, to show the form again.
app.UseRateLimiter();
// Before the page cache, so that pages served from it are counted as read too.
app.UseReadCounting();
app.UseOutputCache();
// Inside the page cache, so that it keeps what was compressed (one copy per encoding) and a hit is not compressed again.
app.UseResponseCompression();
// The old site's addresses, imported: looked up only for a request no route took, on its way out as a 404.
app.UseOldAddresses();

// wwwroot, compressed and fingerprinted when built: pages link to /css/site.{hash}.css, kept by browsers for a year.
app.MapStaticAssets().KeepFingerprintedForAYear();
app.MapRazorPages().WithStaticAssets();
app.MapComments();
app.MapAvatars();
app.MapCommentsApi();
app.MapEditorDrafts();
app.MapLive();
app.MapOpenApi();
app.MapFeeds();
app.MapPrivacy();
app.MapMailUnsubscribe();
app.MapNotifications();
app.MapHealth();
app.MapMetrics();

await app.RunAsync();
return 0;

public partial class Program;
