using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Gazette.Articles;

public sealed record CategoryLink(string Slug, string Name);

/// <summary>The categories in the site header, read at most once a few minutes rather than on every page.</summary>
public sealed class CategoryMenu(GazetteDb db, IMemoryCache cache)
{
    private const string CacheKey = "articles:category-menu";

    public async Task<IReadOnlyList<CategoryLink>> GetAsync()
    {
        if (cache.TryGetValue(CacheKey, out IReadOnlyList<CategoryLink>? links) && links is not null)
        {
            return links;
        }
        links = await db.Categories.AsNoTracking().OrderBy(c => c.Name).Select(c => new CategoryLink(c.Slug, c.Name)).ToListAsync();
        cache.Set(CacheKey, links, TimeSpan.FromMinutes(5));
        return links;
    }
}
