using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Realign.Assist.Embeddings;
using Realign.Assist.Hosting;
using Realign.Assist.Jobs;
using Realign.Vault.Assist;

namespace Realign.Vault.Search;

/// <summary>Search in the vault: keywords by SQLite FTS5 over the readable text of notes and tasks, meaning by the vectors
/// of their <c>embedding</c> entities, fused by reciprocal rank; and related notes from the same vectors.</summary>
/// <remarks>
/// <para>The index follows the replica's saves (a keyset cursor over <c>changed_at</c>), so it holds what was written here
/// and what was pulled alike. Every source it reads is marked to check: <see cref="EmbedAsync"/> recomputes the embedding
/// of each whose digest differs from the text it holds now (new, edited, or made by another model), removes the embedding
/// of a deleted or emptied source, and clears the mark. A source still marked is never answered by its vectors, so a stale
/// embedding is never silently used.</para>
/// <para>Everything here is derived: <see cref="Reset"/> drops it, and the next search reads the replica from the start.</para>
/// </remarks>
public sealed class VaultSearch(LocalVault vault)
{
    private const string CursorName = "search_cursor";
    private const string ModelName = "search_model";
    private const int PageSize = 2_000;
    private const int EmbedBatch = 64;
    private const int SnippetChars = 160;

    private static readonly string[] SourceTypes = ["note", "task"];
    private static readonly string[] IndexTables = ["search_sources", "search_text", "search_vectors"];

    /// <summary>Brings the index up to the replica: returns how many saves it read.</summary>
    public int Refresh(CancellationToken cancellationToken = default)
    {
        var (at, type, id) = LoadCursor();
        var read = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = vault.ChangedPage(at, type, id, PageSize);
            if (page.Count == 0)
            {
                return read;
            }

            vault.Store.Write(tx =>
            {
                foreach (var (entity, _) in page)
                {
                    Apply(tx, entity);
                }
            });
            read += page.Count;
            (at, type, id) = (page[^1].ChangedAtMicros, page[^1].Entity.EntityType, page[^1].Entity.EntityId);
            SaveCursor(at, type, id);
        }
    }

    /// <summary>Drops the index; the next refresh reads the replica from the start.</summary>
    public void Reset() => vault.Store.Write(tx =>
    {
        foreach (var table in IndexTables)
        {
            vault.Store.Execute($"DELETE FROM {table}", tx);
        }

        vault.Store.SetMeta(tx, "assist:" + CursorName, null);
        vault.Store.SetMeta(tx, "assist:" + ModelName, null);
    });

    /// <summary>How many sources still wait for their embedding to be checked.</summary>
    public int PendingCount() => vault.Store.Read(_ => Convert.ToInt32(vault.Store.Scalar("SELECT COUNT(*) FROM search_sources WHERE pending = 1", null), System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Brings the embeddings up to date with <paramref name="assistant"/>'s model: new and stale sources embedded in
    /// batches (one usage record each), deleted ones' embeddings removed, all at the assistant's level and origin.</summary>
    /// <param name="assistant">The assistant whose model embeds; a level that reads no text embeds nothing.</param>
    /// <param name="progress">Told (done, total) after each batch.</param>
    /// <param name="all">Check every source again, not only the changed ones.</param>
    /// <param name="cancellationToken">Stops between batches; what was written stays.</param>
    public async Task<VaultEmbedReport> EmbedAsync(Assistant assistant, IProgress<(int Done, int Total)>? progress = null, bool all = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assistant);
        Refresh(cancellationToken);
        var probe = assistant.ExpectedDigest(new AssistSource("note", "", 0, new Dictionary<string, string>()));
        if (probe is not { Model: var model })
        {
            return new VaultEmbedReport(null, 0, 0, 0, 0, null);
        }

        if (all || vault.AssistState(ModelName) != model)
        {
            vault.Store.Write(tx => vault.Store.Execute("UPDATE search_sources SET pending = 1", tx));
            vault.SetAssistState(ModelName, model);
        }

        var replica = new VaultAssistReplica(vault);
        var total = PendingCount();
        int done = 0, embedded = 0, skipped = 0, removed = 0;
        string? error = null;
        while (error is null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var keys = vault.Store.Read(_ => Rows("SELECT entity_type, entity_id FROM search_sources WHERE pending = 1 ORDER BY id LIMIT $n", ("$n", EmbedBatch)));
            if (keys.Count == 0)
            {
                break;
            }

            var digests = StoredDigests(keys, model);
            var toEmbed = new List<AssistSource>();
            foreach (var (type, id) in keys)
            {
                if (vault.Get(type, id) is not { IsDeleted: false } entity)
                {
                    continue;
                }

                var source = VaultAssistReplica.Source(entity);
                if (source.HasSealedValues)
                {
                    skipped++;
                }
                else if (assistant.ExpectedDigest(source)!.Value.Digest != digests.GetValueOrDefault((type, id)))
                {
                    toEmbed.Add(source);
                }
            }

            if (toEmbed.Count > 0)
            {
                var result = await assistant.EmbedAsync(toEmbed, cancellationToken).ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    // Only the usage record is written: the sources stay marked, to be embedded next time.
                    await replica.WriteAsync(assistant.Provider.Origin, [new ReplicaWrite(AiUsage.EntityType, result.Usage.Id, result.Usage.ToFields())], cancellationToken).ConfigureAwait(false);
                    error = $"{result.Usage.Outcome}: {result.Usage.Error}";
                    break;
                }

                // A removal of an embedding that was never made is nothing to write.
                var writes = AssistRunner.WritesOf(toEmbed[0], result)
                    .Where(w => !w.Deleted || vault.Get(w.EntityType, w.EntityId) is { IsDeleted: false })
                    .ToList();
                await replica.WriteAsync(assistant.Provider.Origin, writes, cancellationToken).ConfigureAwait(false);
                embedded += result.Outputs.Count(o => o is DerivedEntity);
                removed += writes.Count(w => w.Deleted);
            }

            vault.Store.Write(tx =>
            {
                foreach (var (type, id) in keys)
                {
                    vault.Store.Execute("UPDATE search_sources SET pending = 0 WHERE entity_type = $t AND entity_id = $i", tx, ("$t", type), ("$i", id));
                }
            });
            done += keys.Count;
            progress?.Report((Math.Min(done, total), total));
        }

        removed += await RemoveOrphansAsync(replica, assistant, cancellationToken).ConfigureAwait(false);
        Refresh(cancellationToken);
        return new VaultEmbedReport(model, done, embedded, removed, skipped, error);
    }

    /// <summary>Searches: embeds what is new or stale first (when <paramref name="assistant"/> reads text), then fuses the
    /// vector and keyword rankings.</summary>
    /// <param name="query">The words to find.</param>
    /// <param name="top">How many results.</param>
    /// <param name="assistant">The embedding model's assistant, or null for keywords only.</param>
    /// <param name="progress">Told of embedding progress.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    public async Task<VaultSearchReport> SearchAsync(string query, int top, Assistant? assistant, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        Refresh(cancellationToken);
        string? model = null;
        string? keywordsOnly = "no embedding model was given";
        var embedded = 0;
        IReadOnlyList<VectorHit> vectorHits = [];
        if (assistant is not null)
        {
            var report = await EmbedAsync(assistant, progress, cancellationToken: cancellationToken).ConfigureAwait(false);
            embedded = report.Embedded;
            if (report.Error is { } failed)
            {
                keywordsOnly = $"the embedding model failed ({failed})";
            }
            else if (await assistant.EmbedQueryAsync(query, cancellationToken).ConfigureAwait(false) is { } q)
            {
                model = q.Model;
                keywordsOnly = null;
                vectorHits = LoadIndex(q.Model, q.Vector.Length).Search(q.Vector, Math.Max(top * 4, 50));
            }
            else
            {
                keywordsOnly = $"the exposure policy gives level {(int)assistant.Provider.Level} no text to embed";
            }
        }

        var keywordHits = Keywords(query, Math.Max(top * 4, 50));
        var fused = RankFusion.Fuse(vectorHits, keywordHits, top);
        return new VaultSearchReport(Decorate(fused), model, keywordsOnly, embedded);
    }

    /// <summary>The notes and tasks closest in meaning to <c>entityType/entityId</c> by <paramref name="model"/>'s vectors
    /// (the mean of its pieces), best first; empty when it has no current embedding by that model.</summary>
    public IReadOnlyList<VaultSearchResult> Related(string entityType, string entityId, string model, int top)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        Refresh();
        var id = EmbeddingRecord.IdFor(entityType, entityId, model);
        var chunks = vault.Store.Read(_ => vault.Store.Scalar(
            "SELECT v.chunks FROM search_vectors v JOIN search_sources s ON s.entity_type = v.source_type AND s.entity_id = v.source_id AND s.pending = 0 WHERE v.embedding_id = $e",
            null, ("$e", id)) as string);
        if (chunks is null || ReadChunks(chunks) is not { Count: > 0 } pieces)
        {
            return [];
        }

        var mean = new float[pieces[0].Vector.Length];
        foreach (var piece in pieces)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(mean, piece.Vector, mean);
        }

        var hits = LoadIndex(model, mean.Length).Search(mean, top, (t, i) => t == entityType && i == entityId);
        return Decorate(RankFusion.Fuse(hits, [], top));
    }

    /// <summary>As <see cref="Related(string, string, string, int)"/> with whichever model embedded the entity (the built-in
    /// model first): what the review UI shows, without loading a model.</summary>
    public IReadOnlyList<VaultSearchResult> Related(string entityType, string entityId, int top)
    {
        Refresh();
        var models = vault.Store.Read(_ => Rows("SELECT model, embedding_id FROM search_vectors WHERE source_type = $t AND source_id = $i ORDER BY model", ("$t", entityType), ("$i", entityId)));
        foreach (var (model, _) in models.OrderBy(m => m.Item1 == MiniLmEmbeddingGenerator.ModelId ? 0 : 1))
        {
            if (Related(entityType, entityId, model, top) is { Count: > 0 } related)
            {
                return related;
            }
        }

        return [];
    }

    /// <summary>The sources whose text holds the query's words, best first by BM25 (title weighs twice the body).</summary>
    public IReadOnlyList<(string SourceType, string SourceId)> Keywords(string query, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        var terms = KeywordTerms.From(query).Select(t => "\"" + t + "\"").ToList();
        if (terms.Count == 0)
        {
            return [];
        }

        return vault.Store.Read(_ => Rows(
            "SELECT s.entity_type, s.entity_id FROM search_text JOIN search_sources s ON s.id = search_text.rowid WHERE search_text MATCH $q ORDER BY bm25(search_text, 2.0, 1.0), s.entity_type, s.entity_id LIMIT $n",
            ("$q", string.Join(" OR ", terms)), ("$n", limit)));
    }

    private void Apply(SqliteTransaction tx, VaultEntity entity)
    {
        var store = vault.Store;
        if (entity.EntityType == EmbeddingRecord.EntityType)
        {
            if (entity.IsDeleted || EmbeddingRecord.TryRead(entity.Payload) is not { } record)
            {
                store.Execute("DELETE FROM search_vectors WHERE embedding_id = $e", tx, ("$e", entity.EntityId));
                return;
            }

            store.Execute(
                "INSERT INTO search_vectors (embedding_id, model, source_type, source_id, digest, chunks) VALUES ($e, $m, $t, $i, $d, $c) "
                + "ON CONFLICT (embedding_id) DO UPDATE SET model = excluded.model, source_type = excluded.source_type, source_id = excluded.source_id, digest = excluded.digest, chunks = excluded.chunks",
                tx, ("$e", entity.EntityId), ("$m", record.Model), ("$t", record.SourceType), ("$i", record.SourceId), ("$d", record.Digest), ("$c", entity.Payload[EmbeddingRecord.ChunksField]));
            return;
        }

        if (!SourceTypes.Contains(entity.EntityType))
        {
            return;
        }

        var existing = store.Scalar("SELECT id FROM search_sources WHERE entity_type = $t AND entity_id = $i", tx, ("$t", entity.EntityType), ("$i", entity.EntityId));
        if (existing is long rowid)
        {
            store.Execute("DELETE FROM search_text WHERE rowid = $r", tx, ("$r", rowid));
        }

        if (entity.IsDeleted)
        {
            store.Execute("DELETE FROM search_sources WHERE entity_type = $t AND entity_id = $i", tx, ("$t", entity.EntityType), ("$i", entity.EntityId));
            return;
        }

        var source = VaultAssistReplica.Source(entity);
        var title = Readable(source.Title);
        var body = Readable(source.Body);
        var id = existing is long known
            ? known
            : (long)store.Scalar("INSERT INTO search_sources (entity_type, entity_id, title) VALUES ($t, $i, $title) RETURNING id", tx, ("$t", entity.EntityType), ("$i", entity.EntityId), ("$title", title))!;
        store.Execute("UPDATE search_sources SET title = $title, pending = 1 WHERE id = $r", tx, ("$title", title), ("$r", id));
        store.Execute("INSERT INTO search_text (rowid, title, body) VALUES ($r, $title, $body)", tx, ("$r", id), ("$title", title), ("$body", body));
    }

    // Sealed values (a locked vault, a value that does not open) are never indexed.
    private static string Readable(string text) => Realign.Core.Contract.SealedValues.IsSealed(LocalVault.JsonString(text)) || text == "(undecryptable)" ? "" : text;

    private async Task<int> RemoveOrphansAsync(VaultAssistReplica replica, Assistant assistant, CancellationToken cancellationToken)
    {
        var orphans = vault.Store.Read(_ => Rows(
            "SELECT v.embedding_id, v.source_type || '/' || v.source_id FROM search_vectors v WHERE NOT EXISTS (SELECT 1 FROM search_sources s WHERE s.entity_type = v.source_type AND s.entity_id = v.source_id)"));
        var writes = new List<ReplicaWrite>();
        foreach (var (embeddingId, sourceKey) in orphans)
        {
            var slash = sourceKey.IndexOf('/', StringComparison.Ordinal);
            var source = vault.Get(sourceKey[..slash], sourceKey[(slash + 1)..]);
            if ((source is null || source.IsDeleted) && vault.Get(EmbeddingRecord.EntityType, embeddingId) is { IsDeleted: false })
            {
                writes.Add(new ReplicaWrite(EmbeddingRecord.EntityType, embeddingId, [], Deleted: true));
            }
        }

        if (writes.Count > 0)
        {
            await replica.WriteAsync(assistant.Provider.Origin, writes, cancellationToken).ConfigureAwait(false);
        }

        return writes.Count;
    }

    private Dictionary<(string, string), string?> StoredDigests(IReadOnlyList<(string Type, string Id)> keys, string model)
    {
        var digests = new Dictionary<(string, string), string?>();
        vault.Store.Read(_ =>
        {
            foreach (var (type, id) in keys)
            {
                digests[(type, id)] = vault.Store.Scalar("SELECT digest FROM search_vectors WHERE embedding_id = $e", null, ("$e", EmbeddingRecord.IdFor(type, id, model))) as string;
            }

            return 0;
        });
        return digests;
    }

    private VectorIndex LoadIndex(string model, int dimensions)
    {
        var index = new VectorIndex(dimensions);
        vault.Store.Read(_ =>
        {
            using var command = vault.Store.Command(
                "SELECT v.embedding_id, v.source_type, v.source_id, v.chunks FROM search_vectors v JOIN search_sources s ON s.entity_type = v.source_type AND s.entity_id = v.source_id AND s.pending = 0 WHERE v.model = $m",
                null, ("$m", model));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (ReadChunks(reader.GetString(3)) is { Count: > 0 } chunks && chunks[0].Vector.Length == dimensions)
                {
                    index.Upsert(reader.GetString(0), reader.GetString(1), reader.GetString(2), chunks);
                }
            }

            return 0;
        });
        return index;
    }

    private List<VaultSearchResult> Decorate(IReadOnlyList<SearchHit> hits)
    {
        var results = new List<VaultSearchResult>(hits.Count);
        foreach (var hit in hits)
        {
            var entity = vault.Get(hit.SourceType, hit.SourceId);
            var source = entity is null ? null : VaultAssistReplica.Source(entity);
            var title = source is null ? "" : Readable(source.Title);
            var body = source is null ? "" : Readable(source.Body);
            var snippet = hit.Vector is { Hit: var v } && v.Start + v.Length <= body.Length ? body.Substring(v.Start, v.Length) : body;
            snippet = snippet.ReplaceLineEndings(" ").Trim();
            results.Add(new VaultSearchResult(hit, title, snippet.Length <= SnippetChars ? snippet : snippet[..SnippetChars].TrimEnd() + "..."));
        }

        return results;
    }

    private static List<EmbeddedChunk>? ReadChunks(string json)
    {
        try
        {
            return EmbeddingRecord.ReadChunks(json);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return null;
        }
    }

    private List<(string, string)> Rows(string sql, params (string Name, object? Value)[] args)
    {
        using var command = vault.Store.Command(sql, null, args);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private (long At, string Type, string Id) LoadCursor()
    {
        if (vault.AssistState(CursorName) is not { } json)
        {
            return (long.MinValue, "", "");
        }

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        return (root.GetProperty("at").GetInt64(), root.GetProperty("type").GetString()!, root.GetProperty("id").GetString()!);
    }

    private void SaveCursor(long at, string type, string id)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("at", at);
            writer.WriteString("type", type);
            writer.WriteString("id", id);
            writer.WriteEndObject();
        }

        vault.SetAssistState(CursorName, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

}
