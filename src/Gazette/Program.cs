using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Comments;
using Gazette.Data;
using Gazette.Demo;
using Gazette.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateDataAnnotations()
    .Validate(site => TimeZoneInfo.TryFindSystemTimeZoneById(site.TimeZone, out _), "Site:TimeZone is not a time zone this machine knows.")
    .ValidateOnStart();
builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
builder.Services.AddOptions<DiscussionOptions>().BindConfiguration(DiscussionOptions.Section).ValidateDataAnnotations().ValidateOnStart();

// Names and comments in any script are written as characters, not as numeric entities.
builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddMemoryCache();
builder.Services.AddDbContextPool<GazetteDb>((services, options) =>
{
    var connectionString = builder.Configuration.GetConnectionString("Gazette");
    if (string.IsNullOrWhiteSpace(connectionString))
    {
        var dataPath = services.GetRequiredService<IOptions<StorageOptions>>().Value.DataPath(builder.Environment.ContentRootPath);
        connectionString = $"Data Source={Path.Combine(dataPath, "gazette.db")}";
    }
    options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas());
});
builder.Services.AddSingleton<DatabaseStartup>();
builder.Services.AddSingleton<DemoLoader>();
builder.Services.AddSingleton<DisplayDates>();
builder.Services.AddPageCache();
builder.Services.AddScoped<NewsOfTheWeek>();
builder.Services.AddScoped<ArticleDetails>();
builder.Services.AddScoped<CategoryMenu>();
builder.Services.AddScoped<ThreadQuery>();
builder.Services.AddScoped<CommentWriter>();
builder.Services.AddSingleton<WriteGate>();
builder.Services.AddSingleton<Readers>();
builder.Services.AddSingleton<IpHasher>();
// Keys in the data folder: cookies (sign-in, guest authorship) survive restarts; instances sharing the folder share them.
builder.Services.AddDataProtection().SetApplicationName("Gazette");
builder.Services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>, IWebHostEnvironment, ILoggerFactory>(
    (keys, storage, environment, logs) => keys.XmlRepository = new FileSystemXmlRepository(
        new DirectoryInfo(Path.Combine(storage.Value.DataPath(environment.ContentRootPath), "keys")), logs));

builder.Services.AddIdentity<GazetteUser, IdentityRole>(options =>
    {
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 10;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
    })
    .AddEntityFrameworkStores<GazetteDb>()
    .AddDefaultTokenProviders();
builder.Services.AddScoped<IUserClaimsPrincipalFactory<GazetteUser>, GazetteClaimsFactory>();
builder.Services.ConfigureApplicationCookie(options =>
{
    options.Cookie.Name = "gazette_session";
    options.Cookie.HttpOnly = true;
    options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
    options.LoginPath = "/account/sign-in";
    options.LogoutPath = "/account/sign-out";
    options.AccessDeniedPath = "/account/denied";
});

builder.Services.AddAntiforgery(options => options.HeaderName = CommentsApi.AntiforgeryHeader);
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();

// Feature pages live in their feature folders (Articles/, Comments/ ...), so Razor Pages look from the project root.
builder.Services.AddRazorPages(options => options.RootDirectory = "/");

var app = builder.Build();

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

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
}
app.UseStatusCodePagesWithReExecute("/not-found");
// Inside those: the JSON API answers its own errors with problem details, so the friendly pages above never see them.
app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api =>
{
    api.UseExceptionHandler();
    api.UseStatusCodePages();
});
app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseStaticFiles(new StaticFileOptions
{
    RequestPath = "/media",
    FileProvider = new PhysicalFileProvider(Path.Combine(
        app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DataPath(app.Environment.ContentRootPath), "media")),
    // Media names carry a hash of their content, so a browser may keep them for good.
    OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable",
});

app.UseOutputCache();

app.MapRazorPages();
app.MapComments();
app.MapCommentsApi();
app.MapOpenApi();

await app.RunAsync();
return 0;

public partial class Program;
