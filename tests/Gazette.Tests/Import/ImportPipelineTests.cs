using Gazette.Data;
using Gazette.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gazette.Tests.Import;

/// <summary>
/// The file read (and the comments' bodies rendered) on a thread of its own ahead of the writing (issue 13,
/// <see cref="ImportPipeline"/>): stopping the import stops the reading, and a failure of the reading stops the import
/// with its reason, keeping only whole committed batches.
/// </summary>
public sealed class ImportPipelineTests : IAsyncLifetime
{
    private readonly ImportSite site = new();
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => site.DisposeAsync();

    [Fact]
    public async Task AnImportCancelledMidBatchStopsReadingTheFileAndCommitsNothingOfThatBatch()
    {
        // The whole fixture fits in one batch: cancelled three quarters into the import's reading, nothing is committed.
        using var stop = new CancellationTokenSource();
        var length = new FileInfo(ImportSite.WordPressExport).Length;
        var report = new ImportReport("WordPress", dryRun: false);
        long furthest;
        await using (var file = new WatchedStream(File.OpenRead(ImportSite.WordPressExport), (position, second) =>
        {
            if (second && position >= length * 3 / 4)
            {
                stop.Cancel();
            }
        }))
        {
            await site.Services.GetRequiredService<DatabaseStartup>().PrepareAsync(Cancel);
            await using var scope = site.Services.CreateAsyncScope();
            var import = scope.ServiceProvider.GetRequiredService<WordPressImport>();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                import.RunAsync(file, new WordPressImportOptions(ReadAhead: 1), report, stop.Token));
            furthest = file.Furthest;
        }

        Assert.True(furthest < length, $"The reading stopped with the import ({furthest:N0} of {length:N0} bytes read).");
        Assert.Contains("cancelled", report.Failure);
        Assert.Equal((0, 0), await site.WithDbAsync(async db => (
            await db.Articles.CountAsync(Cancel), await db.Comments.CountAsync(c => c.Source == ImportSources.WordPress, Cancel))));
    }

    [Fact]
    public async Task AFileWhoseReadingFailsHalfwayStopsTheImportWithTheReasonAndKeepsTheCommittedBatches()
    {
        var length = new FileInfo(ImportSite.WordPressExport).Length;
        var report = new ImportReport("WordPress", dryRun: false);
        await using (var file = new WatchedStream(File.OpenRead(ImportSite.WordPressExport), (position, second) =>
        {
            if (second && position >= length * 3 / 4)
            {
                throw new IOException("The disk went away.");
            }
        }))
        {
            await site.Services.GetRequiredService<DatabaseStartup>().PrepareAsync(Cancel);
            await using var scope = site.Services.CreateAsyncScope();
            var import = scope.ServiceProvider.GetRequiredService<WordPressImport>();
            await import.RunAsync(file, new WordPressImportOptions(BatchSize: 3, ReadAhead: 1), report, Cancel);
        }

        Assert.StartsWith("The disk went away.", report.Failure);
        Assert.True(await site.WithDbAsync(db => db.Comments.CountAsync(c => c.Source == ImportSources.WordPress, Cancel)) > 0,
            "The batches committed before the failure are kept.");
    }

    /// <summary>
    /// A file read a little at a time, calling back after each read with the position and whether this is the import's
    /// second reading (the first is its quick pass for the highest comment id).
    /// </summary>
    private sealed class WatchedStream(Stream inner, Action<long, bool> afterRead) : Stream
    {
        private long last;
        private bool second;

        public long Furthest { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, Math.Min(count, 256));
            second |= inner.Position < last;
            last = inner.Position;
            if (second)
            {
                Furthest = Math.Max(Furthest, last);
            }
            afterRead(last, second);
            return read;
        }
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
