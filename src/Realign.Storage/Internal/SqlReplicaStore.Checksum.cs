using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Realign.Core.Contract;

namespace Realign.Storage.Internal;

internal abstract partial class SqlReplicaStore
{
    /// <summary>Begins a read-only snapshot transaction (PostgreSQL: repeatable read; SQLite overrides with a deferred one).</summary>
    protected virtual async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);

    public async Task<ChecksumResponse> ChecksumAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        var seq = await ScalarAsync(connection, tx, "SELECT seq FROM tenants WHERE id = @t", cancellationToken, ("@t", tenantId)).ConfigureAwait(false);
        var checksum = new ReplicaChecksum();
        await using (var command = Command(connection, tx, "SELECT head FROM entities WHERE tenant_id = @t AND deleted = FALSE", ("@t", tenantId)))
        await using (var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var head = JsonSerializer.Deserialize(reader.GetString(0), RealignJsonContext.Default.SyncItem)!;
                checksum.Add(EntityCodec.FromHead(head, tenantId));
            }
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ChecksumResponse(checksum.Value, checksum.Entities, seq is null ? 0 : Convert.ToInt64(seq, CultureInfo.InvariantCulture));
    }
}
