using Realign.Core.Rules;

namespace Realign.Storage.Internal;

internal abstract partial class SqlReplicaStore
{
    public async Task<TenantChannels> GetChannelPolicyAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT s.value, s.updated_at FROM tenants t LEFT JOIN tenant_settings s ON s.tenant_id = t.id AND s.name = @n WHERE t.id = @t",
            ("@t", tenantId), ("@n", ChannelValues.Setting));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new ReplicaStoreException("not-found", $"no tenant '{tenantId}'");
        }

        return new TenantChannels(ChannelValues.FromJson(NullableString(reader, 0)), NullableLong(reader, 1));
    }

    public async Task<TenantChannels> SetChannelPolicyAsync(ChannelPolicyCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);

        // Under the tenant row lock, as for the exposure policy: concurrent changes apply in turn, each to the one before.
        await using (var lockTenant = Command(connection, tx, "UPDATE tenants SET seq = seq WHERE id = @t RETURNING id", ("@t", command.TenantId)))
        {
            if (await lockTenant.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                throw new ReplicaStoreException("not-found", $"no tenant '{command.TenantId}'");
            }
        }

        TenantChannels old;
        await using (var select = Command(connection, tx, "SELECT value, updated_at FROM tenant_settings WHERE tenant_id = @t AND name = @n", ("@t", command.TenantId), ("@n", ChannelValues.Setting)))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            old = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new TenantChannels(ChannelValues.FromJson(reader.GetString(0)), reader.GetInt64(1))
                : new TenantChannels(ChannelPolicy.Default, null);
        }

        var updated = new TenantChannels(command.Change(old.Policy), command.NowMicros);
        await ExecuteAsync(connection, tx,
            "INSERT INTO tenant_settings (tenant_id, name, value, updated_at) VALUES (@t, @n, @v, @at) " +
            "ON CONFLICT (tenant_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            cancellationToken, ("@t", command.TenantId), ("@n", ChannelValues.Setting), ("@v", ChannelValues.ToJson(updated.Policy)), ("@at", command.NowMicros)).ConfigureAwait(false);
        var entry = new EventEntry(0, command.NowMicros, "channels-changed", command.PrincipalId, null, null, null, EventDetails.ChannelsChanged(old, updated.Policy, command.Actor));
        await InsertEventAsync(connection, tx, EventLog.Security, command.TenantId, entry, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return updated;
    }
}
