using Gazette.Data;
using Gazette.Notifications;
using Gazette.Tests.Moderation.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Notifications;

/// <summary>
/// The limits' records of mails sent are forgotten after a day, and like every write on SQLite that goes through the
/// write gate: beside a post's transaction the delete found the database busy and waited in the driver (issue 12's
/// throughput with notifications on).
/// </summary>
public sealed class NotificationLimitsTests(QueueSite site) : IClassFixture<QueueSite>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordsOlderThanADayAreForgottenOnceThePostBeingWrittenIsDone()
    {
        var now = DateTime.UtcNow;
        await site.WithDbAsync(async db =>
        {
            db.AddRange(
                new NotificationSent { Address = "old@example.org", Sender = "g:old", At = now.AddDays(-2) },
                new NotificationSent { Address = "recent@example.org", Sender = "g:recent", At = now.AddHours(-2) });
            await db.SaveChangesAsync(Cancel);
        });
        var gate = site.Services.GetRequiredService<WriteGate>();
        await using var postScope = site.Services.CreateAsyncScope();
        var postDb = postScope.ServiceProvider.GetRequiredService<GazetteDb>();
        var post = await gate.BeginAsync(postDb, Cancel);

        await using var scope = site.Services.CreateAsyncScope();
        var forgetting = NotificationLimits.ForgetOldAsync(scope.ServiceProvider.GetRequiredService<GazetteDb>(), gate, now, Cancel);
        if (!postDb.Database.IsNpgsql())
        {
            // SQLite's one writer is the post's until it ends: the clean-up waits its turn in the gate.
            await Task.Delay(300, Cancel);
            Assert.False(forgetting.IsCompleted, "the clean-up wrote beside the post's transaction instead of waiting for the write gate");
            Assert.Equal(2, await site.WithDbAsync(db => db.Set<NotificationSent>().CountAsync(s => s.Sender == "g:old" || s.Sender == "g:recent", Cancel)));
        }
        await post.CommitAsync(Cancel);
        await post.DisposeAsync();
        await forgetting;

        var left = await site.WithDbAsync(db => db.Set<NotificationSent>().Where(s => s.Sender == "g:old" || s.Sender == "g:recent").Select(s => s.Address).ToListAsync(Cancel));
        Assert.Equal(["recent@example.org"], left);
    }
}
