using System.Text.Json;
using Gazette.Core.Import.GazetteJson;
using Gazette.Mail;
using Gazette.Media;
using Gazette.Newsroom;
using Gazette.Notifications;

namespace Gazette.Import;

/// <summary>The media library, the newsroom's autosaved drafts, and readers' mail choices (absent from older exports).</summary>
public sealed partial class JsonImport
{
    /// <summary>The entry only: its files come with the copy of media/, as featured images' do.</summary>
    private void LibraryImage(JsonElement r) => db.LibraryImages.Add(new LibraryImage
    {
        Id = r.Int("id"),
        Path = r.Text("path"),
        Width = r.Int("width"),
        Height = r.Int("height"),
        Kind = KindOf(r),
        FileName = r.Text("fileName"),
        Alt = r.Text("alt"),
        UploadedAt = r.Date("uploadedAt"),
        UploadedByUserId = Account(r.TextOrNull("uploadedByUserId")),
    });

    private void EditorDraft(JsonElement r) => db.EditorDrafts.Add(new EditorDraft
    {
        Id = r.Int("id"),
        UserId = KnownAccount(r.Text("userId")),
        Key = r.Text("key"),
        ArticleId = r.IntOrNull("articleId") is { } articleId ? KnownArticle(articleId) : null,
        SavedAt = r.Date("savedAt"),
        Title = r.Text("title"),
        Slug = r.Text("slug"),
        Excerpt = r.Text("excerpt"),
        BodyMarkdown = r.Text("bodyMarkdown"),
    });

    private void NotifyAddress(JsonElement r) => db.Set<NotifyAddress>().Add(new NotifyAddress
    {
        Address = MailSuppression.Normalize(r.Text("address")),
        ConfirmedAt = r.DateOrNull("confirmedAt"),
        ConfirmationSentAt = r.DateOrNull("confirmationSentAt"),
    });

    private void DiscussionFollow(JsonElement r)
    {
        var userId = r.TextOrNull("userId");
        var address = r.TextOrNull("address");
        if ((userId is null) == (address is null))
        {
            throw new GazetteJsonException("A follow names either a member (\"userId\") or a guest's address, and only one.");
        }
        db.Set<DiscussionFollow>().Add(new DiscussionFollow
        {
            Id = r.Long("id"),
            ArticleId = KnownArticle(r.Int("articleId")),
            UserId = userId is null ? null : KnownAccount(userId),
            Address = address is null ? null : MailSuppression.Normalize(address),
            CreatedAt = r.Date("createdAt"),
            LastCommentId = r.Int("lastCommentId"),
            LastMailedAt = r.DateOrNull("lastMailedAt"),
        });
    }

    /// <summary>A member's choices; an account that was here already takes the file's in place of its own.</summary>
    private async Task NotifyMemberAsync(JsonElement r, CancellationToken cancellationToken)
    {
        var userId = KnownAccount(r.Text("userId"));
        var member = await db.Set<NotifyMember>().FindAsync([userId], cancellationToken);
        if (member is null)
        {
            db.Set<NotifyMember>().Add(member = new NotifyMember { UserId = userId });
        }
        member.NewComments = r.Bool("newComments");
        member.QueueAlerts = r.Bool("queueAlerts");
        member.Appeals = r.Bool("appeals");
        member.LastDigestAt = r.DateOrNull("lastDigestAt");
        member.DigestCommentId = r.Int("digestCommentId");
    }

    /// <summary>An account of the file by its id here (<see cref="Account"/>), or the record is skipped.</summary>
    private string KnownAccount(string id) =>
        accountIds.TryGetValue(id, out var here) ? here : throw new GazetteJsonException($"Its account {id} is not in the file.");
}
