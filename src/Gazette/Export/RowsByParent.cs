namespace Gazette.Export;

/// <summary>
/// A child table's rows read beside their parents' (an article's tags beside the articles), both queries ordered by the
/// parent's key, each on a connection of its own: the export takes each parent's rows as it reaches that parent, with
/// one query per table, never one per parent, and holds no more than one row of each.
/// </summary>
public sealed class RowsByParent<TKey, TRow>(IAsyncEnumerable<TRow> rows, Func<TRow, TKey> parentKey) : IAsyncDisposable
{
    private readonly IAsyncEnumerator<TRow> rows = rows.GetAsyncEnumerator();
    private bool started, more;

    /// <summary>The rows of this parent. Parents are asked for in the order the rows are in; a parent asked out of it gets none.</summary>
    public async IAsyncEnumerable<TRow> OfAsync(TKey parent)
    {
        if (!started)
        {
            started = true;
            more = await rows.MoveNextAsync();
        }
        while (more && EqualityComparer<TKey>.Default.Equals(parentKey(rows.Current), parent))
        {
            yield return rows.Current;
            more = await rows.MoveNextAsync();
        }
    }

    public async Task<List<TRow>> ListOfAsync(TKey parent)
    {
        var list = new List<TRow>();
        await foreach (var row in OfAsync(parent))
        {
            list.Add(row);
        }
        return list;
    }

    public ValueTask DisposeAsync() => rows.DisposeAsync();
}

public static class RowsByParent
{
    /// <summary>Rows of any shape (an anonymous type: PostgreSQL cannot hand back a tuple) by their parent's key.</summary>
    public static RowsByParent<TKey, TRow> Of<TKey, TRow>(IAsyncEnumerable<TRow> rows, Func<TRow, TKey> parentKey) => new(rows, parentKey);
}
