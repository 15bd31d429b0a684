using System.Data.Common;
using Realign.Core.Contract;

namespace Realign.Storage.Internal;

internal abstract partial class SqlReplicaStore
{
    private const string ExposureSetting = "exposure";

    private const string SelectExposureSql = "SELECT value, updated_at FROM tenant_settings WHERE tenant_id = @t AND name = @n";

    public async Task<TenantExposure> GetExposureAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT t.vault_mode, s.value, s.updated_at FROM tenants t LEFT JOIN tenant_settings s ON s.tenant_id = t.id AND s.name = @n WHERE t.id = @t",
            ("@t", tenantId), ("@n", ExposureSetting));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new ReplicaStoreException("not-found", $"no tenant '{tenantId}'");
        }

        return StoredExposure(reader.GetString(0), NullableString(reader, 1), NullableLong(reader, 2));
    }

    public async Task<TenantExposure> SetExposureAsync(ExposureCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);

        // The tenant row lock, as a push takes it, orders concurrent changes: each applies its levels to the policy the one
        // before it stored, and its event's old policy is exactly that one.
        string mode;
        await using (var lockTenant = Command(connection, tx, "UPDATE tenants SET seq = seq WHERE id = @t RETURNING vault_mode", ("@t", command.TenantId)))
        await using (var reader = await lockTenant.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            mode = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? reader.GetString(0)
                : throw new ReplicaStoreException("not-found", $"no tenant '{command.TenantId}'");
        }

        TenantExposure old;
        await using (var select = Command(connection, tx, SelectExposureSql, ("@t", command.TenantId), ("@n", ExposureSetting)))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            old = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? StoredExposure(mode, reader.GetString(0), reader.GetInt64(1))
                : StoredExposure(mode, null, null);
        }

        var updated = new TenantExposure(old.Policy.With(command.Change), command.NowMicros);
        await ExecuteAsync(connection, tx,
            "INSERT INTO tenant_settings (tenant_id, name, value, updated_at) VALUES (@t, @n, @v, @at) " +
            "ON CONFLICT (tenant_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            cancellationToken, ("@t", command.TenantId), ("@n", ExposureSetting), ("@v", ExposureValues.ToJson(updated.Policy)), ("@at", command.NowMicros)).ConfigureAwait(false);
        var entry = new EventEntry(0, command.NowMicros, "exposure-changed", command.PrincipalId, null, null, null, EventDetails.ExposureChanged(old, updated.Policy, command.Actor));
        await InsertEventAsync(connection, tx, EventLog.Security, command.TenantId, entry, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return updated;
    }

    /// <summary>The stored policy, or the defaults of the tenant's mode when it has none.</summary>
    private static TenantExposure StoredExposure(string modeText, string? value, long? updatedAt)
    {
        var mode = VaultModes.TryParse(modeText, out var m) ? m : throw new FormatException("unknown vault mode in tenants");
        return value is null
            ? new TenantExposure(ExposurePolicies.Default(mode), null)
            : new TenantExposure(ExposureValues.FromJson(value), updatedAt);
    }
}
