using System.ComponentModel.DataAnnotations;

namespace Gazette.Newsroom;

/// <summary>Section "Newsroom": how the newsroom's background work runs.</summary>
public sealed class NewsroomOptions
{
    public const string Section = "Newsroom";

    /// <summary>How often scheduled articles whose time has come are published.</summary>
    [Range(1, 3600)]
    public int PublishCheckSeconds { get; set; } = 30;
}
