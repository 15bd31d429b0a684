namespace Realign.Storage.Internal;

internal abstract partial class SqlReplicaStore
{
    public async Task<ConfirmState> GetConfirmStateAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var factors = new Dictionary<string, ConfirmFactor>(StringComparer.Ordinal);
        await using (var command = Command(connection, null, "SELECT kind, secret, last_step, created_at FROM confirm_factors WHERE tenant_id = @t", ("@t", tenantId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                factors[reader.GetString(0)] = new ConfirmFactor(reader.GetString(1), NullableLong(reader, 2), reader.GetInt64(3));
            }
        }

        return new ConfirmState(factors, await ReadGuardAsync(connection, null, tenantId, cancellationToken).ConfigureAwait(false) ?? ConfirmGuard.None);
    }

    public async Task PutConfirmFactorAsync(string tenantId, string kind, string secret, long? lastStep, long nowMicros, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            "INSERT INTO confirm_factors (tenant_id, kind, secret, last_step, created_at) VALUES (@t, @k, @s, @l, @at) " +
            "ON CONFLICT (tenant_id, kind) DO UPDATE SET secret = excluded.secret, last_step = excluded.last_step, created_at = excluded.created_at",
            cancellationToken, ("@t", tenantId), ("@k", kind), ("@s", secret), ("@l", lastStep), ("@at", nowMicros)).ConfigureAwait(false);
    }

    public async Task<bool> ActivateTotpAsync(string tenantId, string pendingSecret, long timeStep, long nowMicros, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        if (await ExecuteAsync(connection, tx, "DELETE FROM confirm_factors WHERE tenant_id = @t AND kind = 'totp_pending' AND secret = @s", cancellationToken, ("@t", tenantId), ("@s", pendingSecret)).ConfigureAwait(false) == 0)
        {
            return false;
        }

        await ExecuteAsync(connection, tx,
            "INSERT INTO confirm_factors (tenant_id, kind, secret, last_step, created_at) VALUES (@t, 'totp', @s, @l, @at) " +
            "ON CONFLICT (tenant_id, kind) DO UPDATE SET secret = excluded.secret, last_step = excluded.last_step, created_at = excluded.created_at",
            cancellationToken, ("@t", tenantId), ("@s", pendingSecret), ("@l", timeStep), ("@at", nowMicros)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> RemoveConfirmFactorAsync(string tenantId, string kind, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null, "DELETE FROM confirm_factors WHERE tenant_id = @t AND kind = @k", cancellationToken, ("@t", tenantId), ("@k", kind)).ConfigureAwait(false) > 0;
    }

    public async Task<int> ResetConfirmationsAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var removed = await ExecuteAsync(connection, tx, "DELETE FROM confirm_factors WHERE tenant_id = @t", cancellationToken, ("@t", tenantId)).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, "DELETE FROM confirm_guard WHERE tenant_id = @t", cancellationToken, ("@t", tenantId)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    public async Task<bool> TryUseTotpStepAsync(string tenantId, long timeStep, CancellationToken cancellationToken = default)
    {
        // One statement decides: of two requests with the same code, on one server or two, only one sees last_step below the
        // step and moves it; the other's WHERE no longer holds (PostgreSQL re-reads the row after the first commits).
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null,
            "UPDATE confirm_factors SET last_step = @s WHERE tenant_id = @t AND kind = 'totp' AND (last_step IS NULL OR last_step < @s)",
            cancellationToken, ("@t", tenantId), ("@s", timeStep)).ConfigureAwait(false) == 1;
    }

    public async Task<ConfirmGuard> RecordConfirmFailureAsync(string tenantId, long nowMicros, ConfirmGuardRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, "INSERT INTO confirm_guard (tenant_id, failures, lockouts, locked_until) VALUES (@t, 0, 0, NULL) ON CONFLICT (tenant_id) DO NOTHING", cancellationToken, ("@t", tenantId)).ConfigureAwait(false);

        // The no-op UPDATE locks the row until commit (PostgreSQL), so failures on several servers count one after another.
        await ExecuteAsync(connection, tx, "UPDATE confirm_guard SET failures = failures WHERE tenant_id = @t", cancellationToken, ("@t", tenantId)).ConfigureAwait(false);
        var guard = await ReadGuardAsync(connection, tx, tenantId, cancellationToken).ConfigureAwait(false) ?? ConfirmGuard.None;
        ConfirmGuard next;
        if (guard.IsLocked(nowMicros))
        {
            next = guard;
        }
        else
        {
            // A lockout that has ended starts a fresh count; its number stays, so the next one lasts twice as long.
            var failures = (guard.LockedUntil is null ? guard.Failures : 0) + 1;
            next = failures >= rule.MaxFailures
                ? new ConfirmGuard(0, guard.Lockouts + 1, nowMicros + (long)rule.LockoutLength(guard.Lockouts + 1).TotalMicroseconds)
                : new ConfirmGuard(failures, guard.Lockouts, null);
        }

        await ExecuteAsync(connection, tx, "UPDATE confirm_guard SET failures = @f, lockouts = @l, locked_until = @u WHERE tenant_id = @t", cancellationToken,
            ("@t", tenantId), ("@f", next.Failures), ("@l", next.Lockouts), ("@u", next.LockedUntil)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return next;
    }

    public async Task ResetConfirmFailuresAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "DELETE FROM confirm_guard WHERE tenant_id = @t", cancellationToken, ("@t", tenantId)).ConfigureAwait(false);
    }

    private static async Task<ConfirmGuard?> ReadGuardAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? tx, string tenantId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, tx, "SELECT failures, lockouts, locked_until FROM confirm_guard WHERE tenant_id = @t", ("@t", tenantId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new ConfirmGuard(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), NullableLong(reader, 2))
            : null;
    }
}
