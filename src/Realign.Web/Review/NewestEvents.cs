namespace Realign.Web.Review;

/// <summary>The newest rows of an audit log that is read oldest first, in pages after an id (the server's
/// <c>sync_events</c> and <c>security_events</c>, read from the store or through the API).</summary>
public static class NewestEvents
{
    /// <summary>Walks the log page by page, at most <paramref name="maxPages"/>, and keeps the last <paramref name="shown"/>,
    /// newest first.</summary>
    /// <param name="page">Reads the page after an id.</param>
    /// <param name="idOf">A row's id.</param>
    /// <param name="pageSize">The size of a full page (a shorter one is the last).</param>
    /// <param name="shown">How many to keep.</param>
    /// <param name="maxPages">The bound on the walk.</param>
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(Func<long, Task<IReadOnlyList<T>>> page, Func<T, long> idOf, int pageSize = 1000, int shown = 100, int maxPages = 20)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(idOf);
        var newest = new Queue<T>();
        long after = 0;
        for (var pages = 0; pages < maxPages; pages++)
        {
            var rows = await page(after).ConfigureAwait(false);
            foreach (var row in rows)
            {
                newest.Enqueue(row);
                if (newest.Count > shown)
                {
                    newest.Dequeue();
                }
            }

            if (rows.Count < pageSize)
            {
                break;
            }

            after = idOf(rows[^1]);
        }

        return newest.Reverse().ToList();
    }
}
