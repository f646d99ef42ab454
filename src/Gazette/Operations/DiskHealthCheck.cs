using System.Globalization;
using Gazette.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Gazette.Operations;

/// <summary>
/// Unhealthy, saying "disk full", while writes fail for lack of space (<see cref="DiskFullWatch"/>: the database's
/// disk, wherever it is) or while the data folder's file system has less free space than
/// <see cref="HealthOptions.MinimumFreeDiskMegabytes"/>. Reads still work then, but nothing can be saved.
/// </summary>
internal sealed class DiskHealthCheck(
    DiskFullWatch watch, IOptions<HealthOptions> options, IOptions<StorageOptions> storage, IWebHostEnvironment environment) : IHealthCheck
{
    private const long Megabyte = 1024 * 1024;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (watch.FullSince is { } since)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, string.Create(CultureInfo.InvariantCulture,
                $"disk full: a write failed for lack of space at {since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; nothing can be saved until space is freed")));
        }
        var minimum = options.Value.MinimumFreeDiskMegabytes;
        if (minimum > 0)
        {
            var free = new DriveInfo(storage.Value.DataPath(environment.ContentRootPath)).AvailableFreeSpace / Megabyte;
            if (free < minimum)
            {
                return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, string.Create(CultureInfo.InvariantCulture,
                    $"disk full: {free} MB free for the data folder, under the {minimum} MB of Health:MinimumFreeDiskMegabytes")));
            }
        }
        return Task.FromResult(HealthCheckResult.Healthy());
    }
}
