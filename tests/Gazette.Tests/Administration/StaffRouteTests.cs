using System.Net;
using System.Text.RegularExpressions;
using Gazette.Accounts;
using Gazette.Articles;
using Gazette.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Administration;

/// <summary>
/// Every route under /admin, found in the app's own route table (so a page added later is covered without a word
/// here): it asks for roles, keeps out the anonymous and readers, and lets in exactly the roles its policy names.
/// </summary>
public sealed class StaffRouteTests(GazetteFactory site) : IClassFixture<GazetteFactory>
{
    private sealed record StaffRoute(string Pattern, bool IsPage, IReadOnlyList<string> Methods, IReadOnlySet<string>? AllowedRoles);

    [Fact]
    public async Task EveryStaffRouteNamesTheRolesItAllows()
    {
        var routes = await StaffRoutesAsync();

        Assert.Empty(routes.Where(r => r.AllowedRoles is null).Select(r => r.Pattern));
        Assert.Empty(routes.Where(r => r.AllowedRoles is { Count: 0 } || r.AllowedRoles!.Except(Roles.All).Any()).Select(r => r.Pattern));
        Assert.Superset(new HashSet<string> { "admin", "admin/users", "admin/users/{id}", "admin/settings" }, routes.Select(r => r.Pattern).ToHashSet());
    }

    [Fact]
    public async Task EveryStaffPageSendsTheAnonymousToSignInAndReadersAway()
    {
        var routes = (await StaffRoutesAsync()).Where(r => r.Methods.Contains("GET")).ToList();
        using var anonymous = new FormClient(site);
        using var reader = await site.SignInAsStaffAsync("route-reader@example.com");
        var ids = await IdsAsync();

        var wrong = new List<string>();
        foreach (var route in routes)
        {
            var url = Url(route, ids);
            var asAnonymous = await StatusAsync(anonymous, HttpMethod.Get, url);
            var asReader = await StatusAsync(reader, HttpMethod.Get, url);
            if (asAnonymous != Outcome.SignIn)
            {
                wrong.Add($"anonymous GET {url}: {asAnonymous}");
            }
            if (asReader != Outcome.Denied)
            {
                wrong.Add($"reader GET {url}: {asReader}");
            }
        }

        Assert.Empty(wrong);
        Assert.NotEmpty(routes);
    }

    [Fact]
    public async Task EveryStaffPageOpensToExactlyTheRolesOfItsPolicy()
    {
        var routes = (await StaffRoutesAsync()).Where(r => r.Methods.Contains("GET")).ToList();
        var wrong = new List<string>();

        foreach (var role in Roles.All)
        {
            var email = $"route-{role.ToLowerInvariant()}@example.com";
            using var browser = await site.SignInAsStaffAsync(email, role);
            // An article route opens on the staff member's own article: an Author may open theirs, not anyone's.
            var ids = await IdsAsync(ownArticleOf: email);
            foreach (var route in routes)
            {
                var url = Url(route, ids);
                var outcome = await StatusAsync(browser, HttpMethod.Get, url);
                var expected = route.AllowedRoles!.Contains(role) ? Outcome.Allowed : Outcome.Denied;
                if (outcome != expected)
                {
                    wrong.Add($"{role} GET {url}: {outcome}, expected {expected}");
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task EverySectionARoleMayOpenIsInItsNavigation()
    {
        // The sections: /admin/{name} pages with no parameter (their own pages link further, e.g. the moderation log).
        var sections = (await StaffRoutesAsync())
            .Where(r => r.IsPage && r.Methods.Contains("GET") && Regex.IsMatch(r.Pattern, "^admin/[^/{]+$")).ToList();
        var missing = new List<string>();

        foreach (var role in Roles.All)
        {
            using var browser = await site.SignInAsStaffAsync($"nav-{role.ToLowerInvariant()}@example.com", role);
            var links = (await browser.GetPageAsync("/admin")).QuerySelectorAll(".staff-nav a")
                .Select(a => a.GetAttribute("href")).ToHashSet();
            missing.AddRange(sections.Where(r => r.AllowedRoles!.Contains(role) && !links.Contains("/" + r.Pattern))
                .Select(r => $"{role}: /{r.Pattern}"));
        }

        Assert.Contains(sections, r => r.Pattern == "admin/privacy");
        Assert.Empty(missing);
    }

    [Fact]
    public async Task WritesToStaffRoutesAreRefusedWithoutARole()
    {
        var routes = (await StaffRoutesAsync()).Where(r => r.Methods.Any(m => m != "GET" && m != "HEAD")).ToList();
        using var anonymous = new FormClient(site);
        using var reader = await site.SignInAsStaffAsync("route-writer@example.com");
        var ids = await IdsAsync();

        var wrong = new List<string>();
        foreach (var route in routes)
        {
            var url = Url(route, ids);
            foreach (var method in route.Methods.Where(m => m != "GET" && m != "HEAD"))
            {
                var asAnonymous = await StatusAsync(anonymous, new HttpMethod(method), url);
                var asReader = await StatusAsync(reader, new HttpMethod(method), url);
                if (asAnonymous is not (Outcome.SignIn or Outcome.Denied or Outcome.NotTaken))
                {
                    wrong.Add($"anonymous {method} {url}: {asAnonymous}");
                }
                if (asReader is not (Outcome.Denied or Outcome.NotTaken))
                {
                    wrong.Add($"reader {method} {url}: {asReader}");
                }
            }
        }

        Assert.Empty(wrong);
        Assert.Contains(routes, r => r.Pattern == "admin/users/{id}");
    }

    [Fact]
    public async Task TheDeniedPageAnswers403()
    {
        using var reader = await site.SignInAsStaffAsync("route-denied@example.com");

        using var response = await reader.Http.GetAsync("/admin", TestContext.Current.CancellationToken);
        await reader.FollowAsync(response, expectedStatus: 403);
    }

    // NotTaken: 405, a page that has no handler for the method answers so before anyone is asked to sign in (issue 11).
    private enum Outcome { Allowed, SignIn, Denied, NotTaken, ServerError }

    /// <summary>What a request met: the sign-in page, the denied page (or a bare 401/403), or the route itself.</summary>
    private static async Task<Outcome> StatusAsync(FormClient browser, HttpMethod method, string url, bool json = false)
    {
        using var request = new HttpRequestMessage(method, url);
        if (method != HttpMethod.Get)
        {
            request.Content = json ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : new FormUrlEncodedContent([]);
        }
        using var response = await browser.Http.SendAsync(request, TestContext.Current.CancellationToken);
        if (response.StatusCode == HttpStatusCode.UnsupportedMediaType && !json)
        {
            // A JSON endpoint (the editor's autosave): routing turns a form away before authorization is asked; the
            // question is what a request it takes meets.
            return await StatusAsync(browser, method, url, json: true);
        }
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return response.StatusCode == HttpStatusCode.Unauthorized ? Outcome.SignIn : Outcome.Denied;
        }
        if (response.StatusCode == HttpStatusCode.MethodNotAllowed)
        {
            return Outcome.NotTaken;
        }
        if ((int)response.StatusCode >= 500)
        {
            return Outcome.ServerError;
        }
        if (response.Headers.Location is { } location)
        {
            var path = new Uri(new Uri("http://localhost"), location).AbsolutePath;
            if (path.Equals("/account/sign-in", StringComparison.OrdinalIgnoreCase))
            {
                return Outcome.SignIn;
            }
            if (path.Equals("/account/denied", StringComparison.OrdinalIgnoreCase))
            {
                return Outcome.Denied;
            }
        }
        return Outcome.Allowed;
    }

    private sealed record RouteIds(string UserId, string ArticleId);

    /// <summary>
    /// Real ids where a route's parameter names a user or an article (a draft under the byline of the given staff
    /// member, else the first article); anything else gets "1" (a 404 is fine).
    /// </summary>
    private async Task<RouteIds> IdsAsync(string? ownArticleOf = null)
    {
        var user = await site.EnsureUserAsync("route-target@example.com", "Route Target");
        var article = ownArticleOf is null
            ? await site.WithDbAsync(db => db.Articles.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(TestContext.Current.CancellationToken))
            : await OwnDraftAsync(ownArticleOf);
        return new RouteIds(user.Id, article.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<int> OwnDraftAsync(string email)
    {
        return await site.WithDbAsync(async db =>
        {
            var staff = await db.Users.SingleAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), TestContext.Current.CancellationToken);
            var byline = await db.Authors.FirstOrDefaultAsync(a => a.UserId == staff.Id, TestContext.Current.CancellationToken)
                ?? new Author { Slug = SiteData.Author(staff.DisplayName).Slug, Name = staff.DisplayName, UserId = staff.Id };
            var draft = SiteData.Article($"Draft by {staff.DisplayName}", GazetteFactory.Now.UtcDateTime, byline, status: ArticleStatus.Draft);
            db.Articles.Add(draft);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return draft.Id;
        });
    }

    private static string Url(StaffRoute route, RouteIds ids) =>
        "/" + Regex.Replace(route.Pattern, @"\{\**(?<name>[^}:=?]+)[^}]*\}", match =>
            route.Pattern.StartsWith("admin/users", StringComparison.OrdinalIgnoreCase) ? ids.UserId
            : match.Groups["name"].Value.Equals("id", StringComparison.OrdinalIgnoreCase) ? ids.ArticleId
            : "1");

    /// <summary>
    /// The endpoints whose pattern starts with "admin", with the roles their authorization allows (null: none asked).
    /// A Razor page's endpoint gets its page model's attributes only once the page is loaded, so each is loaded first.
    /// </summary>
    private async Task<IReadOnlyList<StaffRoute>> StaffRoutesAsync()
    {
        var services = site.Services;
        var loader = services.GetRequiredService<PageLoader>();
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var routes = new List<StaffRoute>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText?.TrimStart('/') ?? "";
            if (!(pattern.Equals("admin", StringComparison.OrdinalIgnoreCase) || pattern.StartsWith("admin/", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            var metadata = endpoint.Metadata;
            var isPage = metadata.GetMetadata<PageActionDescriptor>() is not null;
            List<string>? pageMethods = null;
            if (metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                metadata = compiled.Endpoint?.Metadata ?? new EndpointMetadataCollection(compiled.EndpointMetadata);
                // A page takes GET and the methods of its handlers; any other is answered 405 before authorization (issue 11).
                pageMethods = ["GET", .. compiled.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE").Distinct()];
            }
            var methods = metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToList()
                ?? pageMethods ?? ["GET", "POST", "PUT", "PATCH", "DELETE"];
            routes.Add(new StaffRoute(pattern, isPage, methods, await AllowedRolesAsync(policies, metadata)));
        }
        return routes;
    }

    private static async Task<IReadOnlySet<string>?> AllowedRolesAsync(IAuthorizationPolicyProvider policies, EndpointMetadataCollection metadata)
    {
        if (metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return null;
        }
        var policy = await AuthorizationPolicy.CombineAsync(
            policies, metadata.GetOrderedMetadata<IAuthorizeData>(), metadata.GetOrderedMetadata<AuthorizationPolicy>());
        var roleRequirements = policy?.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>().ToList();
        if (roleRequirements is null or { Count: 0 })
        {
            return null;
        }
        // Every requirement must be met: a role passes only if each of them allows it.
        return roleRequirements.Select(r => r.AllowedRoles).Aggregate(Roles.All.AsEnumerable(), (roles, allowed) => roles.Intersect(allowed)).ToHashSet();
    }
}
