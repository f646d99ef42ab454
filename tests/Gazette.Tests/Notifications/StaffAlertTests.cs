using Gazette.Accounts;
using Gazette.Tests.Infrastructure;

namespace Gazette.Tests.Notifications;

/// <summary>Issue 12, staff: moderators are told when the queue passes a threshold or an appeal arrives, each their choice.</summary>
public sealed class StaffAlertTests
{
    private const string Asked = "asked.moderator@example.org";
    private const string Other = "other.moderator@example.org";

    [Fact]
    public async Task ModeratorsWhoAskedAreToldOnceWhenTheQueueReachesItsThresholdAndOthersGetNothing()
    {
        await using var site = await NotifySite.StartAsync([new("Moderation:HoldFirstComment", "true"), new("Notifications:QueueThreshold", "2")]);
        await ChooseAsync(site, Asked, queue: true, appeals: false);
        await ChooseAsync(site, Other, queue: false, appeals: true);

        using var first = site.Browser();
        using var second = site.Browser();
        using var third = site.Browser();
        await NotifySite.PostAsync(first, "First held.");
        await NotifySite.PostAsync(second, "Second held: the queue reaches two.");
        var told = await site.WaitForMailToAsync(Asked, 1);
        await NotifySite.PostAsync(third, "Third held: the queue is still long.");
        await site.EverythingSentAsync();

        Assert.Equal("2 comments wait for a moderator", told.Subject);
        Assert.Contains("https://news.example.org/admin/moderation", told.TextBody);
        Assert.StartsWith("<https://news.example.org/mail/unsubscribe?t=", told.Headers["List-Unsubscribe"]);
        Assert.Single(site.MailTo(Asked));
        Assert.Empty(site.MailTo(Other));
    }

    [Fact]
    public async Task AModeratorWhoAskedIsToldOfAnAppealAndOneWhoDidNotIsNot()
    {
        await using var site = await NotifySite.StartAsync([new("Moderation:HoldFirstComment", "true")]);
        await ChooseAsync(site, Asked, queue: false, appeals: true);
        await ChooseAsync(site, Other, queue: true, appeals: false);
        using var guest = site.Browser();
        var held = await NotifySite.PostAsync(guest, "Held, and its writer disagrees.");

        var status = await guest.GetPageAsync($"/comments/{held}/status");
        using var appealed = await guest.Form(status, "form.appeal-form").Set("Text", "It is an honest question.").SubmitAsync();
        var told = await site.WaitForMailToAsync(Asked, 1);
        await site.EverythingSentAsync();

        Assert.Equal("A reader appealed a moderation decision", told.Subject);
        Assert.Contains("https://news.example.org/admin/moderation?status=appealed", told.TextBody);
        Assert.Single(site.MailTo(Asked));
        Assert.Empty(site.MailTo(Other));
    }

    /// <summary>A moderator's staff choices, made on their mail page as they would.</summary>
    private static async Task ChooseAsync(NotifySite site, string email, bool queue, bool appeals)
    {
        using var moderator = await site.SignInAsStaffAsync(email, Roles.Moderator);
        var form = await moderator.GetFormAsync("/account/notifications", "form[action*='handler=Staff']");
        using var saved = await form.Check("QueueAlerts", queue).Check("Appeals", appeals).SubmitAsync();
        Assert.Equal(302, (int)saved.StatusCode);
    }
}
