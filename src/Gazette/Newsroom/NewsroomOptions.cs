using System.ComponentModel.DataAnnotations;

namespace Gazette.Newsroom;

/// <summary>Section "Newsroom": how the newsroom's background work runs and how long the trash keeps articles.</summary>
public sealed class NewsroomOptions
{
    public const string Section = "Newsroom";

    /// <summary>How often scheduled articles whose time has come are published.</summary>
    [Range(1, 3600)]
    public int PublishCheckSeconds { get; set; } = 30;

    /// <summary>How long an article stays in the trash, restorable, before it is deleted for good with its comments.</summary>
    [Range(1, 3650)]
    public int TrashDays { get; set; } = 30;

    /// <summary>How often an open editor tells the site it is still open, and hears who else has the article open.</summary>
    [Range(1, 30)]
    public int PresenceSeconds { get; set; } = 15;
}
