using System.Data;
using System.Text.Json;
using DbUp.Engine;
using Microsoft.Data.Sqlite;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Storage;

namespace Realign.Vault.Migrations;

/// <summary>Moves the vault's entities onto the shared replica layout of <see cref="SqliteEntityRows"/>: the table of
/// the server's SQLite store, so both replicas load and save entities with one code path.</summary>
/// <remarks>The old table kept payload, stamps and chain as separate JSON columns and the server version last seen as
/// <c>server_version</c>; the new one keeps the exact head and the server version in <c>seq</c>, and computes the payload,
/// stamps and chain columns from the head (virtual generated columns, <see cref="EntityCopies.Generated"/>), so a row is
/// no bigger than the head. Every row is rebuilt into
/// its state from the old columns and saved by the shared code, in the migration's transaction, so the upgrade is all or
/// nothing. A vault whose table already has the shared layout is left as it is.</remarks>
public sealed class V0002SharedEntityRows : IScript
{
    private const string SharedTable = """
        CREATE TABLE entities (
            tenant_id TEXT NOT NULL,
            entity_type TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            head TEXT NOT NULL,
            payload TEXT GENERATED ALWAYS AS (json_extract(head, '$.payload')) VIRTUAL,
            field_stamps TEXT GENERATED ALWAYS AS (json_extract(head, '$.field_stamps')) VIRTUAL,
            truth_level INTEGER NOT NULL,
            last_modified_by_level INTEGER NULL,
            accepted_by_user INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            version INTEGER NOT NULL,
            origin_chain TEXT GENERATED ALWAYS AS (json_extract(head, '$.origin_chain')) VIRTUAL,
            last_modified_at INTEGER NOT NULL,
            changed_at INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, entity_type, entity_id));
        """;

    /// <inheritdoc />
    public string ProvideScript(Func<IDbCommand> dbCommandFactory)
    {
        ArgumentNullException.ThrowIfNull(dbCommandFactory);
        using var probe = (SqliteCommand)dbCommandFactory();
        var connection = probe.Connection!;
        var tx = probe.Transaction!;
        probe.CommandText = "SELECT COUNT(*) FROM pragma_table_info('entities') WHERE name = 'server_version'";
        if (Convert.ToInt64(probe.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return "SELECT 1;";
        }

        probe.CommandText = "SELECT value FROM meta WHERE key = 'tenant_id'";
        var tenant = probe.ExecuteScalar() as string ?? "";
        Run(probe, "ALTER TABLE entities RENAME TO entities_v1");
        Run(probe, SharedTable);
        var rows = new List<(EntityState State, long Seq)>();
        probe.CommandText = "SELECT entity_type, entity_id, payload, field_stamps, origin_chain, version, last_modified_by_level, deleted, server_version FROM entities_v1";
        using (var reader = probe.ExecuteReader())
        {
            while (reader.Read())
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
                rows.Add((EntityCodec.FromHead(head, tenant), reader.GetInt64(8)));
            }
        }

        SqliteEntityRows.Save(connection, tx, tenant, Core.Truth.UtcMicros.From(DateTimeOffset.UtcNow), rows, EntityCopies.Generated);
        Run(probe, "DROP TABLE entities_v1");
        return "SELECT 1;";
    }

    private static void Run(SqliteCommand command, string sql)
    {
#pragma warning disable CA2100 // Constant statements of this migration.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }
}
