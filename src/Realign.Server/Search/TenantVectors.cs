using System.Collections.Concurrent;
using System.Text.Json;
using Realign.Assist.Embeddings;
using Realign.Core.Contract;
using Realign.Core.Truth;
using Realign.Storage;

namespace Realign.Server.Search;

/// <summary>The vectors of every tenant's <c>embedding</c> entities in memory, one exact index per tenant and model, kept up to
/// date from the store's change feed before each search (so every server of one database answers alike).</summary>
/// <remarks>The first search of a tenant reads its embeddings by key (not its whole feed); later ones read only the changes
/// since. A tenant whose purge horizon passed the cursor is read again from the start. The vectors of a local-first tenant
/// are here only when its vault shares them (its cloud exposure receives vectors); the server never sees the text.</remarks>
public sealed class TenantVectors(IReplicaStore store)
{
    private const int PageSize = 2_000;
    private readonly ConcurrentDictionary<string, Tenant> _tenants = new(StringComparer.Ordinal);

    /// <summary>The tenant's index, brought up to the store.</summary>
    internal async Task<Tenant> RefreshAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tenant = _tenants.GetOrAdd(tenantId, _ => new Tenant());
        await tenant.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var info = await store.FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException("the tenant is gone");
            if (tenant.Cursor is not { } cursor || cursor < info.PurgedSeq)
            {
                tenant.Clear();
                string? after = null;
                while (true)
                {
                    var page = 0;
                    await foreach (var head in store.ListEntitiesAsync(tenantId, EmbeddingRecord.EntityType, after, PageSize, cancellationToken).ConfigureAwait(false))
                    {
                        after = tenant.Apply(head.HeadUtf8.Span) ?? after;
                        page++;
                    }

                    if (page < PageSize)
                    {
                        break;
                    }
                }

                tenant.Cursor = info.Seq;
            }

            while (true)
            {
                var page = 0;
                await foreach (var head in store.ReadChangesAsync(tenantId, tenant.Cursor!.Value, PageSize, cancellationToken).ConfigureAwait(false))
                {
                    tenant.Apply(head.HeadUtf8.Span);
                    tenant.Cursor = head.Seq;
                    page++;
                }

                if (page < PageSize)
                {
                    break;
                }
            }

            return tenant;
        }
        finally
        {
            tenant.Gate.Release();
        }
    }

    /// <summary>One tenant's indexes.</summary>
    internal sealed class Tenant
    {
        private readonly ConcurrentDictionary<string, VectorIndex> _byModel = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public long? Cursor { get; set; }

        /// <summary>The index of <paramref name="model"/>, or null when the tenant has no embeddings by it.</summary>
        public VectorIndex? For(string model) => _byModel.TryGetValue(model, out var index) && index.Count > 0 ? index : null;

        /// <summary>The models with embeddings, for a message.</summary>
        public IEnumerable<string> Models => _byModel.Where(m => m.Value.Count > 0).Select(m => m.Key).Order(StringComparer.Ordinal);

        /// <summary>The write time and digest of an embedding in the index.</summary>
        public Entry? Find(string embeddingId) => _entries.TryGetValue(embeddingId, out var entry) ? entry : null;

        public void Clear()
        {
            _byModel.Clear();
            _entries.Clear();
            Cursor = null;
        }

        /// <summary>Applies one head (any type; only embeddings count); returns its entity id.</summary>
        public string? Apply(ReadOnlySpan<byte> headUtf8)
        {
            var item = JsonSerializer.Deserialize(headUtf8, RealignJsonContext.Default.SyncItem);
            if (item is not { EntityType: EmbeddingRecord.EntityType, EntityId: { } id })
            {
                return item?.EntityId;
            }

            if (_entries.TryRemove(id, out var old))
            {
                _byModel.GetValueOrDefault(old.Model)?.Remove(id);
            }

            if (item.Deleted || item.Payload is not { ValueKind: JsonValueKind.Object } payload)
            {
                return id;
            }

            var fields = payload.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal);
            if (EmbeddingRecord.TryRead(fields) is not { Chunks.Count: > 0 } record)
            {
                return id;
            }

            var at = item.FieldStamps?.GetValueOrDefault(EmbeddingRecord.ChunksField)?.At is { } text && UtcMicros.TryParse(text, out var micros) ? micros : 0;
            var index = _byModel.GetOrAdd(record.Model, _ => new VectorIndex(record.Dimensions));
            if (index.Dimensions != record.Dimensions)
            {
                return id;
            }

            index.Upsert(id, record.SourceType, record.SourceId, record.Chunks);
            _entries[id] = new Entry(record.Model, at, record.Digest);
            return id;
        }
    }

    /// <summary>An indexed embedding's model, the time its vectors were written and its digest (null when sealed).</summary>
    internal sealed record Entry(string Model, long AtMicros, string? Digest);
}
