using System.Net;
using System.Text.Json;
using Gazette.Operations;
using Gazette.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Tests.Operations;

/// <summary>/health/live and /health/ready, as a load balancer reads them (issue 6).</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task ReadyListsTheDatabaseAndItsMigrationsAsHealthy()
    {
        await using var site = new OperationsSite();
        using var client = site.CreateReader();

        using var response = await client.GetAsync(HealthEndpoints.ReadyPath, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var health = await ReadAsync(response);
        Assert.Equal("Healthy", health.Status);
        Assert.Equal("Healthy", health.Checks[HealthEndpoints.DatabaseCheck]);
        Assert.Equal("Healthy", health.Checks[HealthEndpoints.MigrationsCheck]);
    }

    [Fact]
    public async Task DatabaseDownMakesReadyUnhealthyAt503WhileLiveStaysHealthy()
    {
        await using var site = new OperationsSite();
        using var client = site.CreateReader();
        // Asked once while all is well: a cached answer would now say Healthy.
        (await client.GetAsync(HealthEndpoints.ReadyPath, TestContext.Current.CancellationToken)).Dispose();
        site.DatabaseDown = true;

        using var ready = await client.GetAsync(HealthEndpoints.ReadyPath, TestContext.Current.CancellationToken);
        using var live = await client.GetAsync(HealthEndpoints.LivePath, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var health = await ReadAsync(ready);
        Assert.Equal("Unhealthy", health.Status);
        Assert.Equal("Unhealthy", health.Checks[HealthEndpoints.DatabaseCheck]);
        Assert.DoesNotContain("5432", health.Raw); // what failed goes to the log, not to whoever asks
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", (await ReadAsync(live)).Status);
    }

    [Fact]
    public async Task DatabaseMissingAMigrationMakesReadyUnhealthy()
    {
        await using var site = new OperationsSite();
        // As if an older backup had been restored under the running site: its newest migration is not applied.
        await site.WithDbAsync(async db =>
        {
            var newest = (await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).Max()!;
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = {newest}""", TestContext.Current.CancellationToken);
        });
        using var client = site.CreateReader();

        using var response = await client.GetAsync(HealthEndpoints.ReadyPath, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var health = await ReadAsync(response);
        Assert.Equal("Healthy", health.Checks[HealthEndpoints.DatabaseCheck]);
        Assert.Equal("Unhealthy", health.Checks[HealthEndpoints.MigrationsCheck]);
        Assert.Contains("1 migration(s) not applied", health.Raw);
    }

    [Fact]
    public async Task LessFreeSpaceThanTheSettingMakesReadyUnhealthySayingDiskFull()
    {
        await using var site = new NearlyFullSite();
        using var client = site.CreateReader();

        using var response = await client.GetAsync(HealthEndpoints.ReadyPath, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var health = await ReadAsync(response);
        Assert.Equal("Unhealthy", health.Checks[HealthEndpoints.DiskCheck]);
        Assert.Contains("disk full", health.Raw);
    }

    [Fact]
    public async Task ReadyListsTheDataFoldersDiskAsHealthyWithRoomToSpare()
    {
        await using var site = new OperationsSite();
        using var client = site.CreateReader();

        using var response = await client.GetAsync(HealthEndpoints.ReadyPath, TestContext.Current.CancellationToken);

        Assert.Equal("Healthy", (await ReadAsync(response)).Checks[HealthEndpoints.DiskCheck]);
    }

    /// <summary>A site asking for more free space than any disk here has (a petabyte), so that its data folder's is short.</summary>
    private sealed class NearlyFullSite : OperationsSite
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Health:MinimumFreeDiskMegabytes", "1000000000")];
    }

    public sealed record Health(string Status, Dictionary<string, string> Checks, string Raw);

    public static async Task<Health> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var raw = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(raw);
        var checks = json.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(check => check.GetProperty("name").GetString()!, check => check.GetProperty("status").GetString()!);
        return new Health(json.RootElement.GetProperty("status").GetString()!, checks, raw);
    }
}
