namespace Gazette.Core.Embeds;

/// <summary>The third parties a URL alone on a line may be shown from, each in its own frame after a reader's click.</summary>
public enum EmbedProvider
{
    YouTube,
    Vimeo,
    X,
    Mastodon,
    Bluesky,
    Spotify,
    ApplePodcasts,
}

/// <summary>
/// A recognised post, video or episode: the address a reader follows without script (<see cref="Url"/>, as written)
/// and the frame loaded only when they ask for it (<see cref="FrameUrl"/>, always https, built here from the parsed id).
/// </summary>
public sealed record Embed(EmbedProvider Provider, string Url, string FrameUrl)
{
    /// <summary>The host the frame loads from: all the page's Content-Security-Policy frame-src needs to allow.</summary>
    public string FrameHost => new Uri(FrameUrl).Host;

    public string ProviderName => Provider switch
    {
        EmbedProvider.YouTube => "YouTube",
        EmbedProvider.Vimeo => "Vimeo",
        EmbedProvider.X => "X",
        EmbedProvider.Mastodon => "Mastodon",
        EmbedProvider.Bluesky => "Bluesky",
        EmbedProvider.Spotify => "Spotify",
        EmbedProvider.ApplePodcasts => "Apple Podcasts",
        _ => Provider.ToString(),
    };

    /// <summary>What is shown: a video, a post or an episode, which also decides the frame's shape.</summary>
    public string Kind => Provider switch
    {
        EmbedProvider.YouTube or EmbedProvider.Vimeo => "video",
        EmbedProvider.Spotify or EmbedProvider.ApplePodcasts => "episode",
        _ => "post",
    };
}
