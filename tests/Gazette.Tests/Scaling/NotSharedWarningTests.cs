using Gazette.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Gazette.Tests.Scaling;

/// <summary>Issue 6: several instances without Redis are told at start exactly what they do not share; one instance is told nothing.</summary>
public sealed class NotSharedWarningTests
{
    private static async Task<IReadOnlyList<LoggedMessage>> StartAsync(params (string Key, string? Value)[] settings)
    {
        // On SQLite whatever the run's database: PostgreSQL alone is reason enough to warn.
        await using var site = new RedisSite(redis: null, RedisSite.NewPrefix(),
            settings: [.. TestDatabase.SqliteSettings, .. settings.Select(setting => KeyValuePair.Create(setting.Key, setting.Value))]);
        _ = site.Services;
        return site.Log.Messages.Where(m => m.Category == "Gazette.Scaling.SharingReport").ToList();
    }

    [Fact]
    public async Task SeveralInstancesWithoutRedisAreWarnedOnceOfWhatIsNotShared()
    {
        var logged = await StartAsync(("Scaling:Instances", "3"));

        var warning = Assert.Single(logged);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Redis is not configured (Redis:Configuration)", warning.Message);
        Assert.Contains("Scaling:Instances is 3", warning.Message);
        foreach (var part in new[] { "the page cache", "article details", "settings saved on /admin/settings", "rate-limit allowances", "data-protection keys", "the IP-hash key" })
        {
            Assert.Contains(part, warning.Message);
        }
    }

    [Fact]
    public async Task AnIpHashKeyInTheConfigurationIsNotNamedAsUnshared()
    {
        var logged = await StartAsync(("Scaling:Instances", "2"), ("Privacy:IpHashKey", new string('k', 40)));

        Assert.DoesNotContain("IP-hash", Assert.Single(logged).Message);
    }

    [Fact]
    public async Task OneInstanceWithoutRedisIsToldNothing()
    {
        Assert.Empty(await StartAsync());
    }

    [Fact]
    public async Task InstancesWithRedisAreToldWhatTheyShareThroughIt()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var site = new RedisSite(redis.Configuration, "gazette-test-told:", settings: [.. TestDatabase.SqliteSettings, new("Scaling:Instances", "2")]);
        _ = site.Services;

        var told = Assert.Single(site.Log.Messages, m => m.Category == "Gazette.Scaling.SharingReport");
        Assert.Equal(LogLevel.Information, told.Level);
        Assert.Contains($"through Redis (127.0.0.1:{redis.Port})", told.Message);
        Assert.Contains("gazette-test-told:", told.Message);
    }
}
