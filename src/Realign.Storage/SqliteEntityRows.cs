using System.Text.Json;
using Microsoft.Data.Sqlite;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Storage.Internal;

namespace Realign.Storage;

/// <summary>The entity rows of a SQLite replica: the one code that loads and saves entities with their registers, used by
/// the server's SQLite store and by every vault.</summary>
/// <remarks>
/// <para>Both replicas keep the <c>entities</c> table of the server's migration 0001 (the vault creates the same layout in
/// its own migrations): one row per entity, the exact head text in <c>head</c>, and queryable copies of its payload, field
/// stamps, chain and levels cut from that text. A state is read back from <c>head</c> alone, so what is saved is exactly
/// what is loaded.</para>
/// <para><c>seq</c> is the host's own number for a row: on the server, its place in the tenant's change feed; in a vault,
/// the server version of the entity it last saw. <c>changed_at</c> is the host's time of the save.</para>
/// <para>All calls run on the caller's connection and transaction: the caller owns locking and durability.</para>
/// </remarks>
public static class SqliteEntityRows
{
    private const string Columns = "tenant_id, entity_type, entity_id, payload, field_stamps, head, truth_level, last_modified_by_level, accepted_by_user, deleted, version, origin_chain, last_modified_at, changed_at, seq";

    private const string UpsertSql =
        $"INSERT INTO entities ({Columns}) VALUES (@t, @et, @ei, @p, @fs, @h, @tl, @lml, @abu, @d, @v, @oc, @lma, @now, @s) " + """
        ON CONFLICT (tenant_id, entity_type, entity_id) DO UPDATE SET
            payload = excluded.payload, field_stamps = excluded.field_stamps, head = excluded.head, truth_level = excluded.truth_level,
            last_modified_by_level = excluded.last_modified_by_level, accepted_by_user = excluded.accepted_by_user, deleted = excluded.deleted,
            version = excluded.version, origin_chain = excluded.origin_chain, last_modified_at = excluded.last_modified_at, changed_at = excluded.changed_at, seq = excluded.seq
        """;

    private const string UpsertGeneratedCopiesSql =
        "INSERT INTO entities (tenant_id, entity_type, entity_id, head, truth_level, last_modified_by_level, accepted_by_user, deleted, version, last_modified_at, changed_at, seq) " +
        "VALUES (@t, @et, @ei, @h, @tl, @lml, @abu, @d, @v, @lma, @now, @s) " + """
        ON CONFLICT (tenant_id, entity_type, entity_id) DO UPDATE SET
            head = excluded.head, truth_level = excluded.truth_level, last_modified_by_level = excluded.last_modified_by_level,
            accepted_by_user = excluded.accepted_by_user, deleted = excluded.deleted, version = excluded.version,
            last_modified_at = excluded.last_modified_at, changed_at = excluded.changed_at, seq = excluded.seq
        """;

    /// <summary>The queryable JSON copies cut from the head: <c>payload</c>, <c>field_stamps</c>, <c>origin_chain</c>.</summary>
    private static readonly string[] CopyColumns = ["payload", "field_stamps", "origin_chain"];

    /// <summary>The statement that loads the heads of the keys in <c>@keys</c> (a JSON array of [type, id]) in tenant <c>@t</c>.</summary>
    internal const string LoadManySql =
        "SELECT entity_type, entity_id, head FROM entities WHERE tenant_id = @t AND (entity_type, entity_id) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(@keys))";

    private const string LoadManyWithSeqSql =
        "SELECT head, seq FROM entities WHERE tenant_id = @t AND (entity_type, entity_id) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(@keys))";

    /// <summary>Every column the statements here read or write; <see cref="CheckLayout"/> refuses a table that lacks one.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = Columns.Split(", ");

    /// <summary>One entity and its <c>seq</c>, or null when the replica has no row for it.</summary>
    public static (EntityState State, long Seq)? Load(SqliteConnection connection, SqliteTransaction? transaction, EntityKey key)
    {
        using var command = Command(connection, transaction, "SELECT head, seq FROM entities WHERE tenant_id = @t AND entity_type = @et AND entity_id = @ei");
        command.Parameters.AddWithValue("@t", key.TenantId);
        command.Parameters.AddWithValue("@et", key.EntityType);
        command.Parameters.AddWithValue("@ei", key.EntityId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (Parse(reader, 0, key.TenantId), reader.GetInt64(1)) : null;
    }

    /// <summary>The entities of <paramref name="keys"/> that the replica holds, in one statement.</summary>
    public static Dictionary<EntityKey, EntityState> LoadMany(SqliteConnection connection, SqliteTransaction? transaction, string tenantId, IReadOnlyList<EntityKey> keys) =>
        LoadManyWithSeq(connection, transaction, tenantId, keys).ToDictionary(row => row.Key, row => row.Value.State);

    /// <summary>The entities of <paramref name="keys"/> that the replica holds, each with its <c>seq</c>, in one statement.</summary>
    public static Dictionary<EntityKey, (EntityState State, long Seq)> LoadManyWithSeq(SqliteConnection connection, SqliteTransaction? transaction, string tenantId, IReadOnlyList<EntityKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var rows = new Dictionary<EntityKey, (EntityState, long)>(keys.Count);
        using var command = Command(connection, transaction, LoadManyWithSeqSql);
        command.Parameters.AddWithValue("@t", tenantId);
        command.Parameters.AddWithValue("@keys", EntityRows.KeysJson(keys));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var state = Parse(reader, 0, tenantId);
            rows[state.Key] = (state, reader.GetInt64(1));
        }

        return rows;
    }

    /// <summary>The <c>seq</c> of each entity of <paramref name="keys"/> that the replica holds, in one statement, without
    /// reading the heads.</summary>
    public static Dictionary<EntityKey, long> LoadSeqs(SqliteConnection connection, SqliteTransaction? transaction, string tenantId, IReadOnlyList<EntityKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var seqs = new Dictionary<EntityKey, long>(keys.Count);
        using var command = Command(connection, transaction, LoadManyWithSeqSql.Replace("SELECT head, seq", "SELECT entity_type, entity_id, seq", StringComparison.Ordinal));
        command.Parameters.AddWithValue("@t", tenantId);
        command.Parameters.AddWithValue("@keys", EntityRows.KeysJson(keys));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            seqs[new EntityKey(tenantId, reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        }

        return seqs;
    }

    /// <summary>Every entity of <paramref name="entityType"/> (or of every type), ordered by type and id, with its <c>seq</c>.</summary>
    public static List<(EntityState State, long Seq)> Scan(SqliteConnection connection, SqliteTransaction? transaction, string tenantId, string? entityType)
    {
        var sql = "SELECT head, seq FROM entities WHERE tenant_id = @t" + (entityType is null ? "" : " AND entity_type = @et") + " ORDER BY entity_type, entity_id";
        using var command = Command(connection, transaction, sql);
        command.Parameters.AddWithValue("@t", tenantId);
        if (entityType is not null)
        {
            command.Parameters.AddWithValue("@et", entityType);
        }

        using var reader = command.ExecuteReader();
        var list = new List<(EntityState, long)>();
        while (reader.Read())
        {
            list.Add((Parse(reader, 0, tenantId), reader.GetInt64(1)));
        }

        return list;
    }

    /// <summary>The entities saved after <paramref name="afterMicros"/> (by <c>changed_at</c>, then type and id), at most
    /// <paramref name="limit"/>, with their <c>seq</c> and <c>changed_at</c>.</summary>
    public static List<(EntityState State, long Seq, long ChangedAt)> ScanChangedAfter(SqliteConnection connection, SqliteTransaction? transaction, string tenantId, long afterMicros, int limit)
    {
        using var command = Command(connection, transaction,
            "SELECT head, seq, changed_at FROM entities WHERE tenant_id = @t AND changed_at > @after ORDER BY changed_at, entity_type, entity_id LIMIT @limit");
        command.Parameters.AddWithValue("@t", tenantId);
        command.Parameters.AddWithValue("@after", afterMicros);
        command.Parameters.AddWithValue("@limit", limit);
        using var reader = command.ExecuteReader();
        var list = new List<(EntityState, long, long)>();
        while (reader.Read())
        {
            list.Add((Parse(reader, 0, tenantId), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return list;
    }

    /// <summary>The entities saved after the position (<paramref name="afterMicros"/>, <paramref name="afterType"/>,
    /// <paramref name="afterId"/>) in (<c>changed_at</c>, type, id) order, at most <paramref name="limit"/>: a keyset page that
    /// never splits or skips rows saved at the same instant, with their <c>seq</c> and <c>changed_at</c>.</summary>
    public static List<(EntityState State, long Seq, long ChangedAt)> ScanChangedAfter(SqliteConnection connection, SqliteTransaction? transaction, string tenantId, long afterMicros, string afterType, string afterId, int limit)
    {
        using var command = Command(connection, transaction,
            "SELECT head, seq, changed_at FROM entities WHERE tenant_id = @t AND (changed_at, entity_type, entity_id) > (@after, @at, @ai) ORDER BY changed_at, entity_type, entity_id LIMIT @limit");
        command.Parameters.AddWithValue("@t", tenantId);
        command.Parameters.AddWithValue("@after", afterMicros);
        command.Parameters.AddWithValue("@at", afterType);
        command.Parameters.AddWithValue("@ai", afterId);
        command.Parameters.AddWithValue("@limit", limit);
        using var reader = command.ExecuteReader();
        var list = new List<(EntityState, long, long)>();
        while (reader.Read())
        {
            list.Add((Parse(reader, 0, tenantId), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return list;
    }

    /// <summary>Saves each state with its <c>seq</c>, as changed at <paramref name="nowMicros"/>, with one prepared statement.</summary>
    /// <param name="connection">The replica's connection.</param>
    /// <param name="transaction">The transaction to save in.</param>
    /// <param name="tenantId">The tenant of every row.</param>
    /// <param name="nowMicros">The host's time of the save (<c>changed_at</c>).</param>
    /// <param name="rows">The states and their <c>seq</c>.</param>
    /// <param name="copies">Whether the table stores the JSON copies (the server) or computes them from <c>head</c> (a vault).</param>
    public static void Save(SqliteConnection connection, SqliteTransaction transaction, string tenantId, long nowMicros, IReadOnlyList<(EntityState State, long Seq)> rows, EntityCopies copies = EntityCopies.Stored)
    {
        ArgumentNullException.ThrowIfNull(rows);
        SaveRows(connection, transaction, tenantId, nowMicros, EntityRows.Stream(rows, withCopies: copies == EntityCopies.Stored), copies);
    }

    /// <summary>Saves rows already cut by <see cref="EntityRows.From"/> (the server store's batch path).</summary>
    internal static void SaveRows(SqliteConnection connection, SqliteTransaction transaction, string tenantId, long nowMicros, IEnumerable<EntityRow> rows, EntityCopies copies = EntityCopies.Stored)
    {
        var stored = copies == EntityCopies.Stored;
        using var command = Command(connection, transaction, stored ? UpsertSql : UpsertGeneratedCopiesSql);
        var p = command.Parameters;
        p.AddWithValue("@t", tenantId);
        p.AddWithValue("@now", nowMicros);
        SqliteParameter Add(string name, SqliteType type) => p.Add(name, type);
        var (et, ei, head, tl, lml, abu) = (Add("@et", SqliteType.Text), Add("@ei", SqliteType.Text), Add("@h", SqliteType.Text), Add("@tl", SqliteType.Integer), Add("@lml", SqliteType.Integer), Add("@abu", SqliteType.Integer));
        var (deleted, version, lma, seq) = (Add("@d", SqliteType.Integer), Add("@v", SqliteType.Integer), Add("@lma", SqliteType.Integer), Add("@s", SqliteType.Integer));

        // The copies are bound only where the table stores them; a vault's table computes them from the head.
        var (payload, stamps, chain) = stored ? (Add("@p", SqliteType.Text), Add("@fs", SqliteType.Text), Add("@oc", SqliteType.Text)) : (null, null, null);
        command.Prepare();
        foreach (var row in rows)
        {
            et.Value = row.EntityType;
            ei.Value = row.EntityId;
            head.Value = row.Head;
            tl.Value = row.TruthLevel;
            lml.Value = row.LastModifiedByLevel is { } level ? level : DBNull.Value;
            abu.Value = row.AcceptedByUser;
            deleted.Value = row.Deleted;
            version.Value = row.Version;
            lma.Value = row.LastModifiedAt;
            seq.Value = row.Seq;
            if (stored)
            {
                payload!.Value = row.Payload;
                stamps!.Value = row.FieldStamps;
                chain!.Value = row.OriginChain;
            }

            command.ExecuteNonQuery();
        }
    }

    /// <summary>Refuses an <c>entities</c> table that lacks a column these statements use, or whose JSON copies are not
    /// kept as <paramref name="copies"/> says, naming what is wrong.</summary>
    /// <exception cref="InvalidOperationException">The layout does not match.</exception>
    public static void CheckLayout(SqliteConnection connection, SqliteTransaction? transaction = null, EntityCopies copies = EntityCopies.Stored)
    {
        // table_xinfo, not table_info: the latter leaves generated columns out. hidden is 2 or 3 for a generated column.
        using var command = Command(connection, transaction, "SELECT name, hidden FROM pragma_table_xinfo('entities')");
        using var reader = command.ExecuteReader();
        var present = new Dictionary<string, bool>(StringComparer.Ordinal);
        while (reader.Read())
        {
            present[reader.GetString(0)] = reader.GetInt64(1) is 2 or 3;
        }

        var missing = RequiredColumns.Where(c => !present.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"the entities table lacks the column(s) {string.Join(", ", missing)} of the shared replica layout");
        }

        var wrong = CopyColumns.Where(c => present[c] != (copies == EntityCopies.Generated)).ToList();
        if (wrong.Count > 0)
        {
            throw new InvalidOperationException($"the entities table keeps {string.Join(", ", wrong)} {(copies == EntityCopies.Generated ? "stored" : "generated")}, not {(copies == EntityCopies.Generated ? "generated from head" : "stored")}");
        }
    }

    /// <summary>Reads the head in column <paramref name="ordinal"/> as the UTF-8 bytes SQLite holds (no UTF-16 string on the way) and rebuilds its state.</summary>
    private static EntityState Parse(SqliteDataReader reader, int ordinal, string tenantId) =>
        EntityCodec.FromHead(JsonSerializer.Deserialize(reader.GetFieldValue<byte[]>(ordinal), RealignJsonContext.Default.SyncItem)!, tenantId);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Statements are constants of this class; values are always parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }
}
