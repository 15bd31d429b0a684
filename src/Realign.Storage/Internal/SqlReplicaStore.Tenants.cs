using System.Data.Common;
using Realign.Core.Contract;
using Realign.Core.Rules;

namespace Realign.Storage.Internal;

internal abstract partial class SqlReplicaStore
{
    private const string TenantColumns = "id, name, vault_mode, schema_policy, seq, purged_seq, (SELECT s.value FROM tenant_settings s WHERE s.tenant_id = tenants.id AND s.name = 'channels')";

    public async Task<TenantInfo> CreateTenantAsync(string name, VaultMode mode, string? schemaPolicyJson = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var policy = string.IsNullOrWhiteSpace(schemaPolicyJson) ? "{}" : schemaPolicyJson;
        SchemaPolicies.Parse(policy);
        var id = Tokens.NewId("t_");
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, null, $"INSERT INTO tenants (id, name, vault_mode, schema_policy, seq, purged_seq, created_at) VALUES (@id, @n, @m, @p{JsonCast}, 0, 0, @at)", cancellationToken,
                ("@id", id), ("@n", name), ("@m", mode.ToWire()), ("@p", policy), ("@at", NowMicros())).ConfigureAwait(false);
        }
        catch (DbException ex) when (IsUniqueViolation(ex))
        {
            throw new ReplicaStoreException("conflict", $"a tenant named '{name}' already exists");
        }

        return new TenantInfo(id, name, mode, policy, 0, 0);
    }

    public async Task<TenantInfo?> FindTenantAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {TenantColumns} FROM tenants WHERE id = @x OR name = @x ORDER BY CASE WHEN id = @x THEN 0 ELSE 1 END LIMIT 1", ("@x", idOrName));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadTenant(reader) : null;
    }

    public async Task<IReadOnlyList<TenantInfo>> ListTenantsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {TenantColumns} FROM tenants ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<TenantInfo>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(ReadTenant(reader));
        }

        return list;
    }

    private static TenantInfo ReadTenant(DbDataReader reader)
    {
        var mode = VaultModes.TryParse(reader.GetString(2), out var m) ? m : throw new FormatException("unknown vault mode in tenants");
        return new TenantInfo(reader.GetString(0), reader.GetString(1), mode, reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5), NullableString(reader, 6));
    }

    public async Task<IssuedToken> CreateTokenAsync(TokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = await FindTenantAsync(request.TenantId, cancellationToken).ConfigureAwait(false)
            ?? throw new ReplicaStoreException("not-found", $"no tenant '{request.TenantId}'");
        var principalId = Tokens.NewId("pr_");
        try
        {
            PrincipalScope.For(tenant.Id, principalId, request.Kind, request.Channel, request.CanAccept);
        }
        catch (ArgumentException ex)
        {
            throw new ReplicaStoreException("invalid-request", ex.Message.Split(" (Parameter", 2)[0]);
        }

        if (request.Label is { } label && !Tokens.IsValidLabel(label))
        {
            throw new ReplicaStoreException("invalid-request", "a label is 1-100 characters without control characters");
        }

        var token = Tokens.New();
        var createdAt = NowMicros();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "INSERT INTO principals (tenant_id, principal_id, token_hash, kind, channel, can_accept, label, revoked, created_at) VALUES (@t, @p, @h, @k, @c, @a, @l, FALSE, @at)", cancellationToken,
            ("@t", tenant.Id), ("@p", principalId), ("@h", Tokens.Hash(token)), ("@k", request.Kind.ToWire()), ("@c", request.Channel), ("@a", request.CanAccept), ("@l", request.Label), ("@at", createdAt)).ConfigureAwait(false);
        return new IssuedToken(token, new PrincipalInfo(tenant.Id, tenant.Name, tenant.Mode, principalId, request.Kind, request.Channel, request.CanAccept, false, request.Label, createdAt));
    }

    private readonly PrincipalCache principals = new();

    private const string PrincipalSelect = "SELECT p.tenant_id, t.name, t.vault_mode, p.principal_id, p.kind, p.channel, p.can_accept, p.revoked, p.label, p.created_at, p.last_sync_at FROM principals p JOIN tenants t ON t.id = p.tenant_id";

    public async Task<PrincipalInfo?> AuthenticateAsync(string token, CancellationToken cancellationToken = default) =>
        await FindPrincipalAsync(token, cancellationToken).ConfigureAwait(false) is { Revoked: false } principal ? principal : null;

    public async Task<PrincipalInfo?> FindPrincipalAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }

        return await FindPrincipalByTokenHashAsync(Tokens.Hash(token), cancellationToken).ConfigureAwait(false);
    }

    public async Task<PrincipalInfo?> FindPrincipalByTokenHashAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(tokenHash) || tokenHash.Length > 200)
        {
            return null;
        }

        var hash = tokenHash;
        if (principals.Find(hash) is { } cached)
        {
            return cached;
        }

        var generation = principals.Generation;
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, PrincipalSelect + " WHERE p.token_hash = @h", ("@h", hash));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var principal = ReadPrincipal(reader);
        principals.Store(hash, principal, generation);
        return principal;
    }

    public async Task<IReadOnlyList<PrincipalInfo>> ListPrincipalsAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, PrincipalSelect + " WHERE p.tenant_id = @t ORDER BY p.created_at, p.principal_id", ("@t", tenantId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<PrincipalInfo>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(ReadPrincipal(reader));
        }

        return list;
    }

    public async Task<bool> RevokeTokenAsync(string tenantId, string principalId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var revoked = await ExecuteAsync(connection, null, "UPDATE principals SET revoked = TRUE WHERE tenant_id = @t AND principal_id = @p", cancellationToken, ("@t", tenantId), ("@p", principalId)).ConfigureAwait(false) > 0;
        principals.Forget(tenantId, principalId);
        return revoked;
    }

    public async Task<bool> RenamePrincipalAsync(string tenantId, string principalId, string label, CancellationToken cancellationToken = default)
    {
        if (!Tokens.IsValidLabel(label))
        {
            throw new ReplicaStoreException("invalid-request", "a label is 1-100 characters without control characters");
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var renamed = await ExecuteAsync(connection, null, "UPDATE principals SET label = @l WHERE tenant_id = @t AND principal_id = @p", cancellationToken, ("@t", tenantId), ("@p", principalId), ("@l", label)).ConfigureAwait(false) > 0;
        principals.Forget(tenantId, principalId);
        return renamed;
    }

    public async Task TouchPrincipalAsync(string tenantId, string principalId, long atMicros, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "UPDATE principals SET last_sync_at = @at WHERE tenant_id = @t AND principal_id = @p AND (last_sync_at IS NULL OR last_sync_at < @at)", cancellationToken,
            ("@t", tenantId), ("@p", principalId), ("@at", atMicros)).ConfigureAwait(false);
    }

    public async Task<string?> CreateAdminTokenIfNoneAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var count = Convert.ToInt64(await ScalarAsync(connection, tx, "SELECT COUNT(*) FROM admin_tokens", cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (count > 0)
        {
            return null;
        }

        var token = Tokens.New();
        await ExecuteAsync(connection, tx, "INSERT INTO admin_tokens (token_hash, created_at) VALUES (@h, @at)", cancellationToken, ("@h", Tokens.Hash(token)), ("@at", NowMicros())).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return token;
    }

    public async Task<string> CreateAdminTokenAsync(CancellationToken cancellationToken = default)
    {
        var token = Tokens.New();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "INSERT INTO admin_tokens (token_hash, created_at) VALUES (@h, @at)", cancellationToken, ("@h", Tokens.Hash(token)), ("@at", NowMicros())).ConfigureAwait(false);
        return token;
    }

    public async Task<string> RotateAdminTokenAsync(CancellationToken cancellationToken = default)
    {
        var token = Tokens.New();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, "DELETE FROM admin_tokens", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, "INSERT INTO admin_tokens (token_hash, created_at) VALUES (@h, @at)", cancellationToken, ("@h", Tokens.Hash(token)), ("@at", NowMicros())).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return token;
    }

    public async Task<bool> IsAdminTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return false;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ScalarAsync(connection, null, "SELECT token_hash FROM admin_tokens WHERE token_hash = @h", cancellationToken, ("@h", Tokens.Hash(token))).ConfigureAwait(false) is not null;
    }

    private static PrincipalInfo ReadPrincipal(DbDataReader reader)
    {
        var mode = VaultModes.TryParse(reader.GetString(2), out var m) ? m : throw new FormatException("unknown vault mode in tenants");
        var kind = PrincipalKinds.TryParse(reader.GetString(4), out var k) ? k : throw new FormatException("unknown principal kind in principals");
        return new PrincipalInfo(reader.GetString(0), reader.GetString(1), mode, reader.GetString(3), kind, NullableString(reader, 5), reader.GetBoolean(6), reader.GetBoolean(7), NullableString(reader, 8), reader.GetInt64(9), NullableLong(reader, 10));
    }

    protected static long NowMicros() => Realign.Core.Truth.UtcMicros.From(DateTimeOffset.UtcNow);
}
