using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Realign.Storage.Internal;

internal abstract partial class SqlReplicaStore
{
    /// <summary>The changes of a tenant after @s in sequence order, at most @n: seq and the head as UTF-8 bytes.</summary>
    private string ChangesSql => $"SELECT seq, {HeadUtf8Column} FROM entities WHERE tenant_id = @t AND seq > @s ORDER BY seq LIMIT @n";

    public async IAsyncEnumerable<ChangedHead> ReadChangesAsync(string tenantId, long since, int limit, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenPullAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, ChangesSql, ("@t", tenantId), ("@s", since), ("@n", (long)limit));
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new ChangedHead(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
        }
    }

    /// <summary>Hands each head to the sink from one pooled buffer (<c>GetBytes</c> into it), so no array is made per row.</summary>
    public virtual async Task CopyChangesAsync(string tenantId, long since, int limit, IHeadSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        using var activity = StoreTelemetry.Start("realign.store.read_changes", Backend);
        await using var connection = await OpenPullAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, ChangesSql, ("@t", tenantId), ("@s", since), ("@n", (long)limit));
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var seq = reader.GetInt64(0);
                var length = checked((int)reader.GetBytes(1, 0, null, 0, 0));
                if (length > buffer.Length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(length);
                }

                var read = 0;
                while (read < length && reader.GetBytes(1, read, buffer, read, length - read) is var n and > 0)
                {
                    read += (int)n;
                }

                var action = sink.Write(seq, buffer.AsSpan(0, read));
                if (action == HeadSinkAction.Stop)
                {
                    return;
                }

                if (action == HeadSinkAction.Flush)
                {
                    await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<long> CursorAtAsync(string tenantId, long atMicros, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var first = await ScalarAsync(connection, null, "SELECT MIN(seq) FROM entities WHERE tenant_id = @t AND changed_at >= @at", cancellationToken, ("@t", tenantId), ("@at", atMicros)).ConfigureAwait(false);
        if (first is not null)
        {
            return Convert.ToInt64(first, CultureInfo.InvariantCulture) - 1;
        }

        var seq = await ScalarAsync(connection, null, "SELECT seq FROM tenants WHERE id = @t", cancellationToken, ("@t", tenantId)).ConfigureAwait(false);
        return seq is null ? 0 : Convert.ToInt64(seq, CultureInfo.InvariantCulture);
    }

    public async Task<int> PurgeTombstonesAsync(string tenantId, long upToSeq, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await LockTenantAsync(connection, tx, tenantId, cancellationToken).ConfigureAwait(false);
        var removed = await ExecuteAsync(connection, tx, "DELETE FROM entities WHERE tenant_id = @t AND deleted = TRUE AND seq <= @s", cancellationToken, ("@t", tenantId), ("@s", upToSeq)).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, $"UPDATE tenants SET purged_seq = {Greatest("purged_seq", "@s")} WHERE id = @t", cancellationToken, ("@t", tenantId), ("@s", upToSeq)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    public async Task RecordEventAsync(EventLog log, string tenantId, EventEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await InsertEventAsync(connection, tx, log, tenantId, entry, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task InsertEventAsync(DbConnection connection, DbTransaction tx, EventLog log, string tenantId, EventEntry entry, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, tx, InsertEventSql(TableOf(log)), cancellationToken, ("@t", tenantId), ("@at", entry.AtMicros), ("@kind", entry.Kind), ("@p", entry.PrincipalId),
            ("@b", entry.BatchId), ("@et", entry.EntityType), ("@ei", entry.EntityId), ("@d", entry.DetailJson)).ConfigureAwait(false);

    public async Task<IReadOnlyList<EventEntry>> ListEventsAsync(EventLog log, string tenantId, long after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT event_id, at, kind, principal_id, batch_id, entity_type, entity_id, detail FROM {TableOf(log)} WHERE tenant_id = @t AND event_id > @a ORDER BY event_id LIMIT @n",
            ("@t", tenantId), ("@a", after), ("@n", (long)limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<EventEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new EventEntry(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), NullableString(reader, 3), NullableString(reader, 4), NullableString(reader, 5), NullableString(reader, 6), reader.GetString(7)));
        }

        return list;
    }

    public async Task<IReadOnlyList<EventEntry>> ListNewestEventsAsync(EventLog log, string tenantId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT event_id, at, kind, principal_id, batch_id, entity_type, entity_id, detail FROM {TableOf(log)} WHERE tenant_id = @t ORDER BY event_id DESC LIMIT @n",
            ("@t", tenantId), ("@n", (long)limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<EventEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new EventEntry(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), NullableString(reader, 3), NullableString(reader, 4), NullableString(reader, 5), NullableString(reader, 6), reader.GetString(7)));
        }

        return list;
    }

    private static string TableOf(EventLog log) => log == EventLog.Security ? "security_events" : "sync_events";
}
