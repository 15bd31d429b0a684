using System.Text.Json;
using Realign.Assist.Embeddings;
using Realign.Assist.Jobs;
using Realign.Core.Merge;
using Realign.Core.Truth;
using Realign.Storage;

namespace Realign.Server.Search;

/// <summary>Whether an indexed embedding may answer a search: the server's staleness rule.</summary>
internal static class EmbeddingFreshness
{
    private static readonly string[] TextFields = ["title", "body", "text"];

    /// <summary>True when the embedding still speaks for its source: the source is live, no text field of it was written after
    /// the vectors, and (where the server reads the text) the digest of its text now is the embedding's.</summary>
    public static async Task<bool> IsCurrentAsync(IReplicaStore store, string tenantId, TenantVectors.Entry? entry, VectorHit hit, bool readable, CancellationToken cancellationToken)
    {
        if (entry is null)
        {
            return false;
        }

        var source = await store.GetEntityAsync(new EntityKey(tenantId, hit.SourceType, hit.SourceId), cancellationToken).ConfigureAwait(false);
        if (source is null || source.Deleted)
        {
            return false;
        }

        foreach (var field in TextFields)
        {
            if (source.FieldStamps?.GetValueOrDefault(field)?.At is { } at && UtcMicros.TryParse(at, out var micros) && micros > entry.AtMicros)
            {
                return false;
            }
        }

        if (!readable || entry.Digest is null || source.Payload is not { ValueKind: JsonValueKind.Object } payload)
        {
            return true;
        }

        var fields = payload.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal);
        var text = new AssistSource(hit.SourceType, hit.SourceId, source.Version ?? 0, fields);
        return text.HasSealedValues || EmbeddingRecord.DigestOf(entry.Model, TextChunker.Split(text.Title, text.Body).Select(c => c.Text)) == entry.Digest;
    }


    /// <summary>The entities closest in meaning to <c>entityType/entityId</c> by its current embedding of any model the tenant
    /// has (the built-in model first), stale and deleted ones left out; empty when it has none.</summary>
    public static async Task<IReadOnlyList<VectorHit>> RelatedAsync(IReplicaStore store, TenantVectors vectors, string tenantId, bool readable, string entityType, string entityId, int top, CancellationToken cancellationToken)
    {
        var tenant = await vectors.RefreshAsync(tenantId, cancellationToken).ConfigureAwait(false);
        foreach (var model in tenant.Models.OrderBy(m => m == MiniLmEmbeddingGenerator.ModelId ? 0 : 1))
        {
            var id = EmbeddingRecord.IdFor(entityType, entityId, model);
            var own = tenant.Find(id);
            if (tenant.For(model) is not { } index || index.MeanOf(id) is not { } mean
                || !await IsCurrentAsync(store, tenantId, own, new VectorHit(entityType, entityId, id, 0, 0, 0, 1), readable, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var related = new List<VectorHit>();
            foreach (var hit in index.Search(mean, top * 2, (t, i) => t == entityType && i == entityId))
            {
                if (related.Count < top && await IsCurrentAsync(store, tenantId, tenant.Find(hit.EmbeddingId), hit, readable, cancellationToken).ConfigureAwait(false))
                {
                    related.Add(hit);
                }
            }

            return related;
        }

        return [];
    }
}
