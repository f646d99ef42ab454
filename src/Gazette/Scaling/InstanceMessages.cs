using StackExchange.Redis;

namespace Gazette.Scaling;

/// <summary>
/// Tells the other instances, through a Redis channel, what changed that they keep in memory: an article (its kept
/// details, see <c>SiteCache</c>) or the settings saved on /admin/settings. The instance that made the change has
/// already dropped its own copy, before telling the others; <see cref="InstanceMessageListener"/> acts on the others'
/// messages. Without Redis there are no other instances to tell, and a message is nothing.
/// </summary>
public sealed class InstanceMessages(RedisConnection redis)
{
    public const string ChannelName = "changes";
    private const string Use = "telling the other instances what changed";

    /// <summary>This instance, so that it can skip what it said itself.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    public Task ArticleChangedAsync(string slug) => PublishAsync(new InstanceMessage(InstanceId, InstanceMessage.Article, slug));

    public Task SettingsChangedAsync() => PublishAsync(new InstanceMessage(InstanceId, InstanceMessage.Settings, ""));

    /// <summary>
    /// Best effort: while Redis is away the others keep an article's details for at most a minute, and their settings
    /// until Redis answers again (then every instance reloads them and lets every cached page go).
    /// </summary>
    private async Task PublishAsync(InstanceMessage message)
    {
        if (!redis.IsConfigured)
        {
            return;
        }
        try
        {
            await redis.Multiplexer.GetSubscriber().PublishAsync(redis.Channel(ChannelName), message.ToString());
            redis.ReportSuccess(Use);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.ReportFailure(Use, e);
        }
    }
}

/// <summary>"{sender} {kind} {value}": slugs and instance ids have no spaces.</summary>
public sealed record InstanceMessage(string Sender, string Kind, string Value)
{
    public const string Article = "article";
    public const string Settings = "settings";

    public override string ToString() => $"{Sender} {Kind} {Value}";

    public static InstanceMessage? Parse(RedisValue text)
    {
        var parts = ((string?)text ?? "").Split(' ', 3);
        return parts.Length == 3 ? new InstanceMessage(parts[0], parts[1], parts[2]) : null;
    }
}
