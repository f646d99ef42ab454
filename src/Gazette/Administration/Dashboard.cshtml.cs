using Gazette.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gazette.Administration;

/// <summary>/admin: the newsroom's front page, linking to the sections this staff member's roles open.</summary>
[Authorize(Policy = StaffPolicies.Staff)]
public sealed class DashboardModel(IAuthorizationService authorization, Gazette.Mail.IMailDelivery mail, Gazette.Data.GazetteDb db) : PageModel
{
    public sealed record Section(string Name, string Href, string Description);

    public IReadOnlyList<Section> Sections { get; private set; } = [];

    public IReadOnlyList<string> MyRoles { get; private set; } = [];

    /// <summary>An administrator of a site that still has its demo content: offered to remove it.</summary>
    public bool OffersDemoRemoval { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var sections = new List<Section>();
        if (await MayAsync(StaffPolicies.Publish))
        {
            sections.Add(new("Articles", "/admin/articles", "Write, edit and publish articles, anyone’s."));
        }
        else if (await MayAsync(StaffPolicies.Write))
        {
            sections.Add(new("Articles", "/admin/articles", "Write your articles and submit them for publication."));
        }
        if (await MayAsync(StaffPolicies.Moderate))
        {
            sections.Add(new("Moderation", "/admin/moderation", "Review held and flagged comments, appeals and bans."));
        }
        if (await MayAsync(StaffPolicies.Administer))
        {
            sections.Add(new("Users", "/admin/users", "Find accounts, give them roles, lock and unlock them."));
            sections.Add(new("Settings", "/admin/settings", "The site’s name, tagline and description, and the rules of discussions."));
            sections.Add(new("Export", "/admin/export", "Download the whole site as JSON, or as a WordPress export."));
            sections.Add(new("Outbox", "/admin/outbox", mail is Gazette.Mail.FolderDelivery folder
                ? $"Mail is not sent: no SMTP server is set (Mail:Smtp:Host). Messages are written as .eml files into {folder.Folder}."
                : $"The mail the site sends, through the {mail.Describe()}: queued, sent and failed, with a retry."));
        }
        Sections = sections;
        OffersDemoRemoval = await MayAsync(StaffPolicies.Administer) && await Gazette.Demo.DemoRemoval.AnyAsync(db, cancellationToken);
        MyRoles = Roles.All.Where(User.IsInRole).ToList();
    }

    private async Task<bool> MayAsync(string policy) => (await authorization.AuthorizeAsync(User, policy)).Succeeded;
}
