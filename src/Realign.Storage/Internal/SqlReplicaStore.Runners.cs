using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Realign.Core.Contract;

namespace Realign.Storage.Internal;

internal abstract partial class SqlReplicaStore
{
    private const string RunnerColumns = "tenant_id, cursor, skip_seqs, principal_id, lease_owner, lease_until";

    // One statement, so two servers racing for a lease cannot both win: on PostgreSQL the conflict path locks the row and
    // evaluates the condition on its latest committed version; SQLite writers are serialised.
    private const string TakeLeaseSql = $"""
        INSERT INTO automation_runners (tenant_id, cursor, skip_seqs, principal_id, lease_owner, lease_until, updated_at)
        VALUES (@t, NULL, '[]', NULL, @o, @u, @now)
        ON CONFLICT (tenant_id) DO UPDATE SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until, updated_at = excluded.updated_at
        WHERE automation_runners.lease_owner IS NULL OR automation_runners.lease_owner = excluded.lease_owner OR automation_runners.lease_until <= excluded.updated_at
        RETURNING {RunnerColumns}
        """;

    /// <summary>Checks, locks until commit and extends the lease a fenced batch is written under (@t, @o, @u, @now).</summary>
    private string FenceSql => $"UPDATE automation_runners SET lease_until = {Greatest("lease_until", "@u")}, updated_at = @now WHERE tenant_id = @t AND lease_owner = @o AND lease_until > @now";

    public async IAsyncEnumerable<ChangedHead> ListEntitiesAsync(string tenantId, string entityType, string? afterId, int limit, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT seq, {HeadUtf8Column} FROM entities WHERE tenant_id = @t AND entity_type = @et AND entity_id > @a AND deleted = FALSE ORDER BY entity_id LIMIT @n",
            ("@t", tenantId), ("@et", entityType), ("@a", afterId ?? ""), ("@n", (long)limit));
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new ChangedHead(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
        }
    }

    public async Task<IReadOnlyList<string>> ListRunnerTenantsAsync(VaultMode mode, string entityType, string? afterTenantId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, """
            SELECT t.id FROM tenants t
            WHERE t.vault_mode = @m AND t.id > @a
              AND (EXISTS (SELECT 1 FROM entities e WHERE e.tenant_id = t.id AND e.entity_type = @et AND e.deleted = FALSE)
                   OR EXISTS (SELECT 1 FROM automation_runners r WHERE r.tenant_id = t.id))
            ORDER BY t.id LIMIT @n
            """, ("@m", mode.ToWire()), ("@a", afterTenantId ?? ""), ("@et", entityType), ("@n", (long)limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async Task<AutomationRunner?> TakeRunnerLeaseAsync(string tenantId, string owner, long nowMicros, long untilMicros, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        AutomationRunner? runner = null;
        await using (var command = Command(connection, tx, TakeLeaseSql, ("@t", tenantId), ("@o", owner), ("@u", untilMicros), ("@now", nowMicros)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                runner = ReadRunner(reader);
            }
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return runner;
    }

    public async Task<bool> SaveRunnerAsync(RunnerSave save, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(save);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null,
            $"UPDATE automation_runners SET cursor = @c, skip_seqs = @s, principal_id = COALESCE(@p, principal_id), lease_until = {Greatest("lease_until", "@u")}, updated_at = @now " +
            "WHERE tenant_id = @t AND lease_owner = @o AND lease_until > @now",
            cancellationToken, ("@c", save.Cursor), ("@s", SkipJson(save.Skip)), ("@p", save.PrincipalId), ("@u", save.UntilMicros), ("@now", save.NowMicros),
            ("@t", save.TenantId), ("@o", save.Owner)).ConfigureAwait(false) == 1;
    }

    public async Task<bool> ReleaseRunnerLeaseAsync(string tenantId, string owner, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null, "UPDATE automation_runners SET lease_owner = NULL, lease_until = 0 WHERE tenant_id = @t AND lease_owner = @o",
            cancellationToken, ("@t", tenantId), ("@o", owner)).ConfigureAwait(false) == 1;
    }

    public async Task<bool> RemoveRunnerAsync(string tenantId, string owner, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null, "DELETE FROM automation_runners WHERE tenant_id = @t AND lease_owner = @o",
            cancellationToken, ("@t", tenantId), ("@o", owner)).ConfigureAwait(false) == 1;
    }

    public async Task<AutomationRunner?> FindRunnerAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {RunnerColumns} FROM automation_runners WHERE tenant_id = @t", ("@t", tenantId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRunner(reader) : null;
    }

    /// <summary>Checks the fence of a batch inside its transaction (after the tenant lock); throws when the lease is not held.</summary>
    private async Task CheckFenceAsync(DbConnection connection, DbTransaction tx, BatchCommand command, CancellationToken cancellationToken)
    {
        if (command.Fence is not { } fence)
        {
            return;
        }

        var held = await ExecuteAsync(connection, tx, FenceSql, cancellationToken,
            ("@u", fence.UntilMicros), ("@now", command.NowMicros), ("@t", command.TenantId), ("@o", fence.Owner)).ConfigureAwait(false);
        if (held != 1)
        {
            await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
            throw new RunnerLeaseLostException();
        }
    }

    private static AutomationRunner ReadRunner(DbDataReader reader) =>
        new(reader.GetString(0), NullableLong(reader, 1), ParseSkip(reader.GetString(2)), NullableString(reader, 3), NullableString(reader, 4), reader.GetInt64(5));

    private static string SkipJson(IReadOnlyList<long> skip)
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < skip.Count; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(skip[i].ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(']').ToString();
    }

    private static List<long> ParseSkip(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(e => e.GetInt64()).ToList();
    }
}
