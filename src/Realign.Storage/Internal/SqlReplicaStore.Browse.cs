using System.Runtime.CompilerServices;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;

namespace Realign.Storage.Internal;

internal abstract partial class SqlReplicaStore
{
    public async IAsyncEnumerable<ChangedHead> BrowseEntitiesAsync(string tenantId, string? entityType, bool belowUserOnly, (string EntityType, string EntityId)? after, int limit, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        // The literal "truth_level > 1 AND deleted = FALSE" is the predicate of the partial index ix_entities_below_user
        // (migration 0005), so the suggested entities of a large tenant are found without reading its user-written ones.
        // Derived records (summaries, usage records) are below level 1 too but never suggestions: left out here, so a
        // tenant's thousands of usage records never fill a page of suggestions.
        var sql = $"SELECT seq, {HeadUtf8Column} FROM entities WHERE tenant_id = @t"
            + (belowUserOnly ? " AND truth_level > 1 AND deleted = FALSE AND entity_type NOT IN (" + NeverSuggestedList + ")" : " AND deleted = FALSE")
            + (entityType is null ? "" : " AND entity_type = @et")
            + (after is null ? "" : " AND (entity_type, entity_id) > (@at, @ai)")
            + " ORDER BY entity_type, entity_id LIMIT @n";
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, sql,
            ("@t", tenantId), ("@et", entityType ?? ""), ("@at", after?.EntityType ?? ""), ("@ai", after?.EntityId ?? ""), ("@n", (long)limit));
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new ChangedHead(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
        }
    }

    /// <summary>The never-suggested types as SQL literals (Core's fixed names: lower-case letters and dashes only).</summary>
    private static readonly string NeverSuggestedList = string.Join(", ", SchemaPolicy.NeverSuggestedTypes.Select(t =>
        t.All(c => c is (>= 'a' and <= 'z') or '-') ? "'" + t + "'" : throw new InvalidOperationException($"type name '{t}' is not a plain literal")));

    public async Task<ResolveResponse> ApplyPlannedAsync(PlannedWrite command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            var (seq, policy) = await LockTenantAsync(connection, tx, command.Key.TenantId, cancellationToken).ConfigureAwait(false);
            var state = await LoadStateAsync(connection, tx, command.Key, "the", cancellationToken).ConfigureAwait(false);
            var write = command.Plan(state);
            if (write.Key != command.Key)
            {
                throw new InvalidOperationException($"the plan wrote {write.Key}, not {command.Key}");
            }

            var run = new BatchRun(command.Key.TenantId, command.PrincipalId, null, command.NowMicros, seq, policy);
            await ApplyWritesAsync(connection, tx, run, [write], cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            Signals.Signal(command.Key.TenantId);
            var result = run.Results[0];
            return new ResolveResponse(result.Outcome, result.Version, result.EntityType!, result.EntityId!);
        }
        catch (ResolutionRefusedException ex)
        {
            throw new ReplicaStoreException(ex.Code, ex.Message);
        }
    }

    public async Task<IReadOnlyList<string>> ListProtectionKeysAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT xml FROM protection_keys ORDER BY created_at, name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }

    public async Task AddProtectionKeyAsync(string name, string xml, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(xml);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "INSERT INTO protection_keys (name, xml, created_at) VALUES (@n, @x, @at) ON CONFLICT (name) DO NOTHING", cancellationToken,
            ("@n", name), ("@x", xml), ("@at", NowMicros())).ConfigureAwait(false);
    }
}
