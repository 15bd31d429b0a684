namespace Realign.Benchmarks;

/// <summary>The storage engine's own limit: the server's rows upserted and read straight through the driver, in a scratch copy of <c>entities</c>.</summary>
internal abstract class RawStore : IAsyncDisposable
{
    public const string Table = "bench_raw_entities";

    /// <summary>Creates the scratch table with the same columns, key and indexes as <c>entities</c>.</summary>
    public abstract Task CreateTableAsync(CancellationToken cancellationToken);

    /// <summary>Upserts one batch in one transaction with a prepared statement; returns the elapsed database time.</summary>
    public abstract Task<TimeSpan> UpsertAsync(IReadOnlyList<RawRow> rows, CancellationToken cancellationToken);

    /// <summary>Reads every row of the tenant in sequence order (seq and head); returns the row count.</summary>
    public abstract Task<int> ReadAllAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>The same read below the ADO.NET driver, where the backend has such a layer (SQLite: SQLitePCLRaw); the row
    /// count, or null where it has none.</summary>
    public virtual Task<int?> ReadAllNativeAsync(string tenantId, CancellationToken cancellationToken) => Task.FromResult<int?>(null);

    public abstract ValueTask DisposeAsync();
}
