using Realign.Core.Contract;
using Realign.Core.Truth;

namespace Realign.Storage.Internal;

internal abstract partial class SqlReplicaStore
{
    public async Task<IReadOnlyList<ConflictDto>> ListConflictsAsync(string tenantId, string? status, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT conflict_id, entity_type, entity_id, field, winner, loser, status, resolution, resolved_value FROM conflicts WHERE tenant_id = @t" + (status is null ? "" : " AND status = @s") + " ORDER BY created_at, conflict_id",
            ("@t", tenantId), ("@s", status ?? ""));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<ConflictDto>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new ConflictDto
            {
                ConflictId = reader.GetString(0),
                EntityType = reader.GetString(1),
                EntityId = reader.GetString(2),
                Field = reader.GetString(3),
                Winner = Registers.FromJson(reader.GetString(4)),
                Loser = Registers.FromJson(reader.GetString(5)),
                Status = reader.GetString(6),
                Resolution = NullableString(reader, 7),
                ResolvedValue = NullableString(reader, 8) is { } v ? JsonValues.Parse(v) : null,
            });
        }

        return list;
    }

    public async Task<IReadOnlyList<ProposalDto>> ListProposalsAsync(string tenantId, string? status, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT proposal_id, entity_type, entity_id, field, value, current_value, level, source, at, status FROM proposals WHERE tenant_id = @t" + (status is null ? "" : " AND status = @s") + " ORDER BY created_seq, proposal_id",
            ("@t", tenantId), ("@s", status ?? ""));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<ProposalDto>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new ProposalDto
            {
                ProposalId = reader.GetString(0),
                EntityType = reader.GetString(1),
                EntityId = reader.GetString(2),
                Field = reader.GetString(3),
                Value = JsonValues.Parse(reader.GetString(4)),
                Current = JsonValues.Parse(reader.GetString(5)),
                Level = (int)reader.GetInt64(6),
                Source = reader.GetString(7),
                At = UtcMicros.Format(reader.GetInt64(8)),
                Status = reader.GetString(9),
            });
        }

        return list;
    }
}
