using System.Text.Json;
using Gazette.Export;
using Gazette.Tests.Discovery;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Gazette.Tests.Export;

/// <summary>
/// Issue 13, "Lossless export": every table and every column Gazette has is in <c>export json</c>, or named in
/// <see cref="JsonExport.LeftOut"/> with the reason. A property added later fails here until someone decides which.
/// </summary>
public sealed class ExportCoverageTests
{
    /// <summary>
    /// Where each kind of record sits in the file: its array at the top ("comments"), or, after a colon, the object or
    /// array it sits in inside another's records ("articles:notes").
    /// </summary>
    private static readonly Dictionary<string, string> Places = new()
    {
        ["GazetteUser"] = "accounts",
        ["IdentityUserRole"] = "accounts",
        ["Author"] = "authors",
        ["Category"] = "categories",
        ["Tag"] = "tags",
        ["Article"] = "articles",
        ["FeaturedImage"] = "articles:image",
        ["ArticleTags"] = "articles",
        ["ArticleByline"] = "articles",
        ["ArticleNote"] = "articles:notes",
        ["ArticleRevision"] = "articleRevisions",
        ["SlugRedirect"] = "slugRedirects",
        ["OldAddress"] = "oldAddresses",
        ["ArticlePin"] = "articlePins",
        ["ArticleReadDay"] = "articleReadDays",
        ["SitePage"] = "pages",
        ["SiteSetting"] = "site:settings",
        ["Comment"] = "comments",
        ["CommentRevision"] = "commentRevisions",
        ["CommentVote"] = "commentVotes",
        ["CommentFlag"] = "commentFlags",
        ["Appeal"] = "appeals",
        ["Ban"] = "bans",
        ["ModerationLogEntry"] = "moderationLog",
        ["MailSuppression"] = "mailSuppressions",
        ["LibraryImage"] = "libraryImages",
        ["EditorDraft"] = "editorDrafts",
        ["NotifyAddress"] = "notifyAddresses",
        ["DiscussionFollow"] = "discussionFollows",
        ["NotifyMember"] = "notifyMembers",
    };

    /// <summary>
    /// Properties exported under another name than their own in camel case; "^" for a key that the record it sits in
    /// carries (an article's notes are in the article).
    /// </summary>
    private static readonly Dictionary<string, string> Renamed = new()
    {
        ["IdentityUserRole.UserId"] = "id",
        ["IdentityUserRole.RoleId"] = "roles",
        ["FeaturedImage.ArticleId"] = "^",
        ["ArticleTags.ArticlesId"] = "id",
        ["ArticleTags.TagsId"] = "tagIds",
        ["ArticleByline.ArticleId"] = "id",
        ["ArticleByline.AuthorId"] = "bylineIds",
        ["ArticleByline.Position"] = "bylineIds",
        ["ArticleNote.ArticleId"] = "^",
        ["ArticleRevision.ImagePath"] = "image/path",
        ["ArticleRevision.ImageAlt"] = "image/alt",
        ["ArticleRevision.ImageWidth"] = "image/width",
        ["ArticleRevision.ImageHeight"] = "image/height",
        ["ArticleRevision.ImageKind"] = "image/kind",
    };

    [Fact]
    public async Task EveryTableAndColumnIsExportedOrLeftOutOnPurposeWithItsReason()
    {
        await using var site = new GazetteFactory();
        await RichSite.SeedAsync(site);
        using var export = JsonDocument.Parse(await JsonRoundTripTests.ExportAsync(site));
        var fields = FieldsBySection(export.RootElement);
        var model = await site.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes().ToList()));

        var missing = new List<string>();
        foreach (var entity in model)
        {
            var name = entity.ShortName();
            if (JsonExport.LeftOut.ContainsKey(name))
            {
                continue;
            }
            if (!Places.TryGetValue(name, out var place))
            {
                missing.Add($"{name}: a table the export neither writes nor leaves out (JsonExport.LeftOut)");
                continue;
            }
            var (section, within) = place.Split(':') is [var s, var w] ? (s, w + "/") : (place, "");
            foreach (var property in entity.GetProperties())
            {
                var key = $"{name}.{property.Name}";
                if (JsonExport.LeftOut.ContainsKey(key))
                {
                    continue;
                }
                var field = Renamed.GetValueOrDefault(key, JsonNamingPolicy.CamelCase.ConvertName(property.Name));
                if (field != "^" && !(fields.TryGetValue(section, out var found) && found.Contains(within + field)))
                {
                    missing.Add($"{key}: no \"{within + field}\" in any of the export's \"{section}\" (export it, or leave it out in JsonExport.LeftOut with the reason)");
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public async Task WhatTheExportLeavesOutNamesTablesAndColumnsThatExistAndTheDocsListIt()
    {
        await using var site = new GazetteFactory();
        var model = await site.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes().ToDictionary(e => e.ShortName(), e => e.GetProperties().Select(p => p.Name).ToHashSet())));
        var docs = File.ReadAllText(Path.Combine(ExternalTools.RepositoryRoot, "docs", "export.md"));

        var wrong = JsonExport.LeftOut.Keys.Where(key => key.Split('.') switch
        {
            [var entity] => !model.ContainsKey(entity),
            [var entity, var property] => !model.TryGetValue(entity, out var properties) || !properties.Contains(property),
            _ => true,
        }).Select(key => $"{key}: not in the model").Concat(
            JsonExport.LeftOut.Keys.Where(key => !docs.Contains($"`{key}`", StringComparison.Ordinal)).Select(key => $"{key}: not listed in docs/export.md"));

        Assert.Empty(wrong);
    }

    /// <summary>Every field name in each top-level section's records, those of nested objects and arrays as "image/path".</summary>
    private static Dictionary<string, HashSet<string>> FieldsBySection(JsonElement root)
    {
        var sections = new Dictionary<string, HashSet<string>>();
        foreach (var section in root.EnumerateObject())
        {
            Collect(section.Value, "", sections[section.Name] = []);
        }
        return sections;

        static void Collect(JsonElement element, string prefix, HashSet<string> into)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, prefix, into);
                }
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in element.EnumerateObject())
                {
                    var path = prefix + field.Name;
                    into.Add(path);
                    Collect(field.Value, path + "/", into);
                }
            }
        }
    }
}
