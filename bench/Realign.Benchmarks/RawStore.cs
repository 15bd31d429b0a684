namespace Realign.Benchmarks;

/// <summary>The storage engine's own limit: the server's rows upserted and read straight through the driver, in a scratch copy of <c>entities</c>.</summary>
internal abstract class RawStore : IAsyncDisposable
{
    public const string Table = "bench_raw_entities";

    /// <summary>Creates the scratch table with the same columns, key and indexes as <c>entities</c>.</summary>
    public abstract Task CreateTableAsync(CancellationToken cancellationToken);

    /// <summary>Upserts one batch in one transaction with a prepared statement; returns the elapsed database time.</summary>
    public abstract Task<TimeSpan> UpsertAsync(IReadOnlyList<RawRow> rows, CancellationToken cancellationToken);

    /// <summary>Reads every row of the tenant in sequence order (seq and head), each head parsed into a <c>SyncItem</c> when
    /// <paramref name="parse"/>; returns the row count.</summary>
    public abstract Task<int> ReadAllAsync(string tenantId, bool parse, CancellationToken cancellationToken);

    /// <summary>The same read below the ADO.NET driver, where the backend has such a layer (SQLite: SQLitePCLRaw); the row
    /// count, or null where it has none.</summary>
    public virtual Task<int?> ReadAllNativeAsync(string tenantId, bool parse, CancellationToken cancellationToken) => Task.FromResult<int?>(null);

    /// <summary>The length a read counts for one head: its characters, or (parsed) its entity id's.</summary>
    protected static int Take(string head, bool parse) =>
        parse ? (System.Text.Json.JsonSerializer.Deserialize(head, Realign.Core.Contract.RealignJsonContext.Default.SyncItem) ?? throw new InvalidOperationException("a null head")).EntityId?.Length ?? 0 : head.Length;

    /// <summary>The same for a head as UTF-8 bytes.</summary>
    protected static int Take(ReadOnlySpan<byte> head, bool parse) =>
        parse ? (System.Text.Json.JsonSerializer.Deserialize(head, Realign.Core.Contract.RealignJsonContext.Default.SyncItem) ?? throw new InvalidOperationException("a null head")).EntityId?.Length ?? 0 : System.Text.Encoding.UTF8.GetString(head).Length;

    public abstract ValueTask DisposeAsync();
}
