using System.Text.Json;
using Microsoft.Data.Sqlite;
using Realign.Core.Contract;
using Realign.Core.Merge;

namespace Realign.Vault.Storage;

/// <summary>Loads and stores entity states as <c>payload</c> + <c>field_stamps</c> JSON, exactly as <see cref="EntityCodec"/> writes them.</summary>
internal static class EntityRows
{
    private const string Columns = "entity_type, entity_id, payload, field_stamps, origin_chain, version, last_modified_by_level, deleted, server_version";

    public static (EntityState State, long ServerVersion)? Load(SqliteConnection db, SqliteTransaction? tx, string tenant, string type, string id)
    {
        using var cmd = VaultDatabase.Command(db, $"SELECT {Columns} FROM entities WHERE entity_type = $t AND entity_id = $i", tx, ("$t", type), ("$i", id));
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? Read(reader, tenant) : null;
    }

    public static List<(EntityState State, long ServerVersion)> LoadAll(SqliteConnection db, string tenant, string? type)
    {
        var sql = $"SELECT {Columns} FROM entities" + (type is null ? "" : " WHERE entity_type = $t") + " ORDER BY entity_type, entity_id";
        using var cmd = VaultDatabase.Command(db, sql, null, ("$t", type));
        using var reader = cmd.ExecuteReader();
        var list = new List<(EntityState, long)>();
        while (reader.Read())
        {
            list.Add(Read(reader, tenant));
        }

        return list;
    }

    public static void Save(SqliteConnection db, SqliteTransaction tx, EntityState state, long serverVersion)
    {
        var head = EntityCodec.ToHead(state);
        VaultDatabase.Execute(
            db,
            $"INSERT INTO entities ({Columns}) VALUES ($t, $i, $p, $f, $o, $v, $l, $d, $s) " +
            "ON CONFLICT (entity_type, entity_id) DO UPDATE SET payload = $p, field_stamps = $f, origin_chain = $o, version = $v, " +
            "last_modified_by_level = $l, deleted = $d, server_version = $s",
            tx,
            ("$t", state.Key.EntityType),
            ("$i", state.Key.EntityId),
            ("$p", EntityCodec.PayloadJson(state)),
            ("$f", JsonSerializer.Serialize(head.FieldStamps ?? [], RealignJsonContext.Default.DictionaryStringFieldStampDto)),
            ("$o", JsonSerializer.Serialize(head.OriginChain ?? [], RealignJsonContext.Default.ListProvenanceDto)),
            ("$v", state.Version),
            ("$l", head.LastModifiedByLevel),
            ("$d", state.IsDeleted ? 1 : 0),
            ("$s", serverVersion));
    }

    private static (EntityState, long) Read(SqliteDataReader reader, string tenant)
    {
        var head = new SyncItem
        {
            EntityType = reader.GetString(0),
            EntityId = reader.GetString(1),
            TenantId = tenant,
            Payload = JsonValues.Parse(reader.GetString(2)),
            FieldStamps = JsonSerializer.Deserialize(reader.GetString(3), RealignJsonContext.Default.DictionaryStringFieldStampDto),
            OriginChain = JsonSerializer.Deserialize(reader.GetString(4), RealignJsonContext.Default.ListProvenanceDto),
            Version = reader.GetInt64(5),
            LastModifiedByLevel = reader.IsDBNull(6) ? null : reader.GetInt32(6),
            Deleted = reader.GetInt64(7) != 0,
        };
        return (EntityCodec.FromHead(head, tenant), reader.GetInt64(8));
    }
}
