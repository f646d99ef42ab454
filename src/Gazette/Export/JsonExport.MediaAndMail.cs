using Gazette.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Export;

/// <summary>The media library, the newsroom's autosaved drafts, and what readers chose to be mailed.</summary>
public sealed partial class JsonExport
{
    private async Task WriteMediaAndDraftsAsync(JsonRecordWriter w)
    {
        // Paths under the media folder, as for featured images: the files travel with a copy of media/.
        await w.ArrayAsync("libraryImages", db.LibraryImages.OrderBy(i => i.Id), (i, w) =>
        {
            w.Number("id", i.Id);
            w.Text("path", i.Path);
            w.Number("width", i.Width);
            w.Number("height", i.Height);
            w.Text("kind", i.Kind.ToString());
            w.Text("fileName", i.FileName);
            w.Text("alt", i.Alt);
            w.Date("uploadedAt", i.UploadedAt);
            w.Text("uploadedByUserId", i.UploadedByUserId);
        });
        // Text someone typed and has not saved yet: never public, but theirs.
        await w.ArrayAsync("editorDrafts", db.EditorDrafts.OrderBy(d => d.Id), (d, w) =>
        {
            w.Number("id", d.Id);
            w.Text("userId", d.UserId);
            w.Text("key", d.Key);
            w.Number("articleId", d.ArticleId);
            w.Date("savedAt", d.SavedAt);
            w.Text("title", d.Title);
            w.Text("slug", d.Slug);
            w.Text("excerpt", d.Excerpt);
            w.Text("bodyMarkdown", d.BodyMarkdown);
        });
    }

    private async Task WriteMailChoicesAsync(JsonRecordWriter w)
    {
        // Confirmed or not (double opt-in): lost, every guest would be sent a confirmation again.
        await w.ArrayAsync("notifyAddresses", db.Set<NotifyAddress>().OrderBy(a => a.Address), (a, w) =>
        {
            w.Text("address", a.Address);
            w.Date("confirmedAt", a.ConfirmedAt);
            w.Date("confirmationSentAt", a.ConfirmationSentAt);
        });
        await w.ArrayAsync("discussionFollows", db.Set<DiscussionFollow>().OrderBy(f => f.Id), (f, w) =>
        {
            w.Number("id", f.Id);
            w.Number("articleId", f.ArticleId);
            w.Text("userId", f.UserId);
            w.Text("address", f.Address);
            w.Date("createdAt", f.CreatedAt);
            w.Number("lastCommentId", f.LastCommentId);
            w.Date("lastMailedAt", f.LastMailedAt);
        });
        // Without the feed token: a secret in an address (LeftOut).
        await w.ArrayAsync("notifyMembers", db.Set<NotifyMember>().OrderBy(m => m.UserId), (m, w) =>
        {
            w.Text("userId", m.UserId);
            w.Json.WriteBoolean("newComments", m.NewComments);
            w.Json.WriteBoolean("queueAlerts", m.QueueAlerts);
            w.Json.WriteBoolean("appeals", m.Appeals);
            w.Date("lastDigestAt", m.LastDigestAt);
            w.Number("digestCommentId", m.DigestCommentId);
        });
    }
}
