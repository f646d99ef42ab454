using Gazette.Data;

namespace Gazette.Import;

/// <summary>
/// The import started from /admin/import, run in the background on this instance, one at a time: the page polls its
/// report. The uploaded file waits in the data folder (<c>imports/</c>) while it runs and is deleted after.
/// </summary>
public sealed class ImportJobs(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<ImportJobs> log)
{
    public sealed record Job(string Id, ImportRequest Request, string FileName, ImportReport Report)
    {
        public bool IsRunning => Report.FinishedAt is null;
    }

    private readonly Lock gate = new();
    private Job? latest;

    /// <summary>The import running, or the last one to have run since the site started.</summary>
    public Job? Latest => latest;

    public string FolderFor() => Path.Combine(DataServices.DataPath(services), "imports");

    /// <summary>Starts the import of the saved file, unless one is running (then null, and the file is deleted).</summary>
    public Job? TryStart(ImportRequest request, string savedPath, string fileName)
    {
        Job job;
        lock (gate)
        {
            if (latest is { IsRunning: true })
            {
                File.Delete(savedPath);
                return null;
            }
            job = new Job(Guid.NewGuid().ToString("N"), request, fileName, new ImportReport(request.SourceName, request.DryRun));
            latest = job;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await using var file = new FileStream(savedPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                await request.RunAsync(services, file, job.Report, lifetime.ApplicationStopping);
            }
            catch (Exception e)
            {
                log.LogError(e, "The import of {File} stopped", fileName);
                if (job.Report.FinishedAt is null)
                {
                    job.Report.Finish($"{e.GetBaseException().Message} What was committed stays; importing the file again finishes the job.");
                }
            }
            finally
            {
                File.Delete(savedPath);
            }
        });
        return job;
    }
}
