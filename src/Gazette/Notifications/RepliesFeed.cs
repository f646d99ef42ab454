using System.Security.Cryptography;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Gazette.Comments;
using Gazette.Core.Xml;
using Gazette.Data;
using Gazette.Feeds;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Notifications;

/// <summary>
/// A member's private Atom feed of the public replies to their comments, at an address with a secret token (made and
/// revoked on /account/notifications). Built like the site's feeds: whatever a comment holds, the XML stays well-formed.
/// </summary>
public static class RepliesFeed
{
    public const string Path = "/feeds/replies";
    public const int Size = 50;

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static async Task<Results<FileContentHttpResult, NotFound>> AtomAsync(
        string token, FeedsEndpoints.FeedContext context, CancellationToken cancellationToken)
    {
        var member = token.Length is < 16 or > 64 ? null : await context.Db.Set<NotifyMember>().AsNoTracking()
            .Where(m => m.FeedToken == token)
            .Join(context.Db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName })
            .FirstOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return TypedResults.NotFound();
        }
        var replies = await context.Db.Comments.AsNoTracking()
            .Where(c => c.Parent!.UserId == member.Id && c.UserId != member.Id && c.Status == CommentStatus.Approved)
            .Join(context.Db.Articles, c => c.ArticleId, a => a.Id, (c, a) => new { c.Id, c.AuthorName, c.BodyHtml, c.CreatedAt, c.EditedAt, a.Title })
            .OrderByDescending(c => c.Id).Take(Size).ToListAsync(cancellationToken);
        var self = context.Url($"{Path}/{token}");
        var feed = new SyndicationFeed($"Replies to {member.DisplayName} – {context.Site.Name}", null, context.Url("/account"))
        {
            Id = $"{context.Url("/").AbsoluteUri}replies/{member.Id}",
            LastUpdatedTime = replies.Count == 0 ? context.Now : replies.Max(c => c.EditedAt ?? c.CreatedAt),
            Items = replies.Select(c =>
            {
                var author = string.IsNullOrWhiteSpace(c.AuthorName) ? CommentView.AnonymousName : c.AuthorName;
                var link = context.Url($"/comments/{c.Id}");
                var item = new SyndicationItem($"{author} replied on {c.Title}", SyndicationContent.CreateHtmlContent(c.BodyHtml), link, link.AbsoluteUri,
                    c.EditedAt ?? c.CreatedAt) { PublishDate = c.CreatedAt };
                item.Authors.Add(new SyndicationPerson { Name = author });
                return item;
            }).ToList(),
        };
        feed.Links.Add(new SyndicationLink(self, "self", null, "application/atom+xml", 0));
        using var buffer = new MemoryStream();
        using (var writer = WellFormedXmlWriter.Open(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            feed.SaveAsAtom10(writer);
        }
        return TypedResults.File(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }
}
