using System.Globalization;
using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Vault.Storage;

namespace Realign.Vault;

public sealed partial class LocalVault
{
    /// <summary>One entity, or null when the vault has never seen it.</summary>
    public VaultEntity? Get(string entityType, string entityId)
    {
        lock (_gate)
        {
            return EntityRows.Load(_db, null, Settings.TenantId, entityType, entityId) is { } row ? View(row.State, row.ServerVersion) : null;
        }
    }

    /// <summary>Every entity of a type (or of all types), by id.</summary>
    public IReadOnlyList<VaultEntity> List(string? entityType = null, bool includeDeleted = false)
    {
        lock (_gate)
        {
            return EntityRows.LoadAll(_db, Settings.TenantId, entityType)
                .Where(r => includeDeleted || !r.State.IsDeleted)
                .Select(r => View(r.State, r.ServerVersion))
                .ToList();
        }
    }

    /// <summary>Pending suggestions: lower-level writes waiting beside user values.</summary>
    public IReadOnlyList<Suggestion> Suggestions()
    {
        lock (_gate)
        {
            var list = new List<Suggestion>();
            foreach (var (state, _) in EntityRows.LoadAll(_db, Settings.TenantId, null))
            {
                foreach (var p in state.PendingProposals())
                {
                    list.Add(new Suggestion(
                        p.Id,
                        p.Key.EntityType,
                        p.Key.EntityId,
                        p.Field,
                        SafeUnseal(p.Key, p.Field, p.Proposed.Value),
                        SafeUnseal(p.Key, p.Field, p.Current.Value),
                        p.Proposed.Stamp.Level,
                        p.Proposed.Stamp.Origin,
                        p.Proposed.Stamp.AtMicros));
                }
            }

            return list;
        }
    }

    /// <summary>The open conflicts fetched at the last sync (values decrypted when possible).</summary>
    public IReadOnlyList<ConflictDto> Conflicts()
    {
        lock (_gate)
        {
            var list = new List<ConflictDto>();
            using var cmd = VaultDatabase.Command(_db, "SELECT body FROM conflicts ORDER BY conflict_id", null);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var dto = JsonSerializer.Deserialize(reader.GetString(0), RealignJsonContext.Default.ConflictDto)!;
                var key = KeyOf(dto.EntityType ?? "", dto.EntityId ?? "");
                foreach (var side in new[] { dto.Winner, dto.Loser })
                {
                    if (side?.Value is { } v)
                    {
                        side.Value = JsonValues.Parse(SafeUnseal(key, dto.Field ?? "", JsonValues.ToCompact(v)));
                    }
                }

                list.Add(dto);
            }

            return list;
        }
    }

    /// <summary>Changes the server refused, with their reasons.</summary>
    public IReadOnlyList<SetAsideItem> SetAside()
    {
        lock (_gate)
        {
            var list = new List<SetAsideItem>();
            using var cmd = VaultDatabase.Command(_db, "SELECT id, entity_type, entity_id, code, field, message, item FROM set_aside ORDER BY id", null);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                list.Add(new SetAsideItem(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetString(6)));
            }

            return list;
        }
    }

    /// <summary>Outbox size, checkpoint, last sync, server and mode.</summary>
    public VaultStatus Status()
    {
        lock (_gate)
        {
            int Count(string sql) => Convert.ToInt32(VaultDatabase.Scalar(_db, sql), CultureInfo.InvariantCulture);
            return new VaultStatus(
                Settings.TenantId,
                Settings.Channel,
                Settings.Mode.ToWire(),
                Settings.ServerUrl,
                Count("SELECT COUNT(*) FROM outbox"),
                Count("SELECT COUNT(*) FROM outbox WHERE batch_id IS NOT NULL"),
                Count("SELECT COUNT(*) FROM set_aside"),
                Count("SELECT COUNT(*) FROM entities WHERE deleted = 0"),
                Count("SELECT COUNT(*) FROM conflicts"),
                CheckpointUnlocked(),
                Meta.Get(_db, Meta.LastSync),
                IsUnlocked);
        }
    }

    /// <summary>True when this vault issued a write with this stamp time (to tell "mine" from "theirs").</summary>
    public bool IsMine(long atMicros)
    {
        lock (_gate)
        {
            return VaultDatabase.Scalar(_db, "SELECT 1 FROM my_stamps WHERE at_micros = $a", null, ("$a", atMicros)) is not null;
        }
    }

    private VaultEntity View(EntityState state, long serverVersion)
    {
        var payload = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in state.VisiblePayload())
        {
            payload[name] = SafeUnseal(state.Key, name, value);
        }

        return new VaultEntity(state.Key.EntityType, state.Key.EntityId, serverVersion, state.IsDeleted, payload, state);
    }

    private string SafeUnseal(EntityKey key, string field, string value)
    {
        try
        {
            return Unseal(key, field, value);
        }
        catch (VaultException)
        {
            return "\"(undecryptable)\"";
        }
    }

    private long CheckpointUnlocked() => long.TryParse(Meta.Get(_db, Meta.Checkpoint), out var c) ? c : 0;
}
