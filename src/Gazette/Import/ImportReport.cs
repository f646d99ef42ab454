using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Gazette.Import;

/// <summary>One record the import left out or warns about: what it is, its id in the file, and why.</summary>
public sealed record ImportNote(string Kind, string? SourceId, string Reason);

/// <summary>
/// What an import did (or, in a dry run, would do): rows added by kind and status, rows already there from an earlier
/// run, records skipped and warnings with their source ids, slugs that had to change, media left at their old address,
/// threads matched to no article. Lists keep their first <see cref="MaxListed"/> entries and count the rest, so a file
/// of a million bad records cannot fill the memory. Read while the import runs (the admin page shows it): thread-safe.
/// </summary>
public sealed class ImportReport(string source, bool dryRun)
{
    public const int MaxListed = 5_000;

    private readonly ConcurrentDictionary<string, int> added = new();
    private readonly ConcurrentDictionary<string, int> existing = new();
    private readonly NoteList skipped = new(), warnings = new(), slugChanges = new(), missingMedia = new(), unmatchedThreads = new();
    private long records, bytesRead, bytesTotal;

    public string Source { get; } = source;
    public bool DryRun { get; } = dryRun;
    public DateTime StartedAt { get; } = DateTime.UtcNow;
    public DateTime? FinishedAt { get; private set; }

    /// <summary>Set when the import stopped before the end of the file (broken XML, a database failure, cancelled).</summary>
    public string? Failure { get; private set; }

    public long Records => Interlocked.Read(ref records);
    public long BytesRead => Interlocked.Read(ref bytesRead);
    public long BytesTotal => Interlocked.Read(ref bytesTotal);
    public int Comments => added.Where(p => p.Key.StartsWith("comment ", StringComparison.Ordinal)).Sum(p => p.Value);

    public IReadOnlyDictionary<string, int> Added => added;
    public IReadOnlyDictionary<string, int> AlreadyThere => existing;
    public NoteList Skipped => skipped;
    public NoteList Warnings => warnings;
    public NoteList SlugChanges => slugChanges;
    public NoteList MissingMedia => missingMedia;
    public NoteList UnmatchedThreads => unmatchedThreads;

    /// <param name="kind">"article", "comment", "author", "category", "tag" ...</param>
    /// <param name="status">What it became: "published", "approved", "spam" ...</param>
    public void Add(string kind, string? status = null) => added.AddOrUpdate(Key(kind, status), 1, (_, n) => n + 1);

    public void Existing(string kind) => existing.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public void Skip(string kind, string? sourceId, string reason) => skipped.Add(new ImportNote(kind, sourceId, reason));

    public void Warn(string kind, string? sourceId, string reason) => warnings.Add(new ImportNote(kind, sourceId, reason));

    public void SlugChanged(string? sourceId, string from, string to) => slugChanges.Add(new ImportNote("article", sourceId, $"\"{from}\" became \"{to}\""));

    public void MediaMissing(string? sourceId, string url, string reason) => missingMedia.Add(new ImportNote("media", sourceId, $"{url}: {reason}"));

    public void ThreadUnmatched(string? sourceId, string reason) => unmatchedThreads.Add(new ImportNote("thread", sourceId, reason));

    public void Read(long position, long length)
    {
        Interlocked.Increment(ref records);
        Interlocked.Exchange(ref bytesRead, position);
        Interlocked.Exchange(ref bytesTotal, length);
    }

    public void Finish(string? failure = null)
    {
        Failure = failure;
        FinishedAt = DateTime.UtcNow;
    }

    private static string Key(string kind, string? status) => status is null ? kind : $"{kind} {status}";

    public string ToText()
    {
        var text = new StringBuilder();
        var what = DryRun ? "Dry run of the " + Source + " import: nothing was written. It would add:" : Source + " import: added";
        text.AppendLine(Failure is null ? what : $"{what} (stopped: {Failure})");
        AppendCounts(text, added);
        if (!existing.IsEmpty)
        {
            text.AppendLine("Already there from an earlier import (left as they are):");
            AppendCounts(text, existing);
        }
        Append(text, "Skipped", skipped);
        Append(text, "Slugs that had to change", slugChanges);
        Append(text, "Media left at their old address", missingMedia);
        Append(text, "Threads matched to no article", unmatchedThreads);
        Append(text, "Warnings", warnings);
        var seconds = ((FinishedAt ?? DateTime.UtcNow) - StartedAt).TotalSeconds;
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{Records:N0} records read in {seconds:0.0} s."));
        return text.ToString();
    }

    private static void AppendCounts(StringBuilder text, IReadOnlyDictionary<string, int> counts)
    {
        if (counts.Count == 0)
        {
            text.AppendLine("  nothing");
        }
        foreach (var (key, count) in counts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {key}: {count:N0}"));
        }
    }

    private static void Append(StringBuilder text, string title, NoteList notes)
    {
        if (notes.Count == 0)
        {
            return;
        }
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{title} ({notes.Count:N0}):"));
        foreach (var note in notes.Listed)
        {
            text.AppendLine($"  {note.Kind} {note.SourceId ?? "(no id)"}: {note.Reason}");
        }
        if (notes.Count > notes.Listed.Count)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  … and {notes.Count - notes.Listed.Count:N0} more."));
        }
    }

    /// <summary>Notes, the first <see cref="MaxListed"/> kept, all counted.</summary>
    public sealed class NoteList
    {
        private readonly List<ImportNote> listed = [];
        private int count;

        public int Count => Volatile.Read(ref count);

        public IReadOnlyList<ImportNote> Listed
        {
            get
            {
                lock (listed)
                {
                    return listed.ToList();
                }
            }
        }

        public void Add(ImportNote note)
        {
            lock (listed)
            {
                count++;
                if (listed.Count < MaxListed)
                {
                    listed.Add(note);
                }
            }
        }
    }
}
