using System.Text.RegularExpressions;

namespace Realign.Storage.Internal;

internal abstract partial class SqlReplicaStore
{
    /// <summary>The statement of <see cref="SearchTextAsync"/>: parameters <c>@t</c> (tenant), <c>@q</c> (the query of
    /// <see cref="TextQuery"/>) and <c>@n</c> (limit); it yields entity type and id of live entities, best first.</summary>
    protected abstract string SearchTextSql { get; }

    /// <summary>The statements that bring the keyword index of tenant <c>@t</c> from cursor <c>@from</c> to <c>@to</c>: the
    /// notes and tasks whose change sequence is in (<c>@from</c>, <c>@to</c>] indexed again, deleted ones taken out.</summary>
    protected abstract IReadOnlyList<string> RefreshTextSql { get; }

    /// <summary>A statement that serialises refreshes of one tenant's keyword index across servers (<c>@t</c>), or null.</summary>
    protected virtual string? RefreshTextLockSql => null;

    /// <summary>The backend's query of any of <paramref name="terms"/> (checked words of letters and digits).</summary>
    protected abstract string TextQuery(IReadOnlyList<string> terms);

    public async Task<IReadOnlyList<(string EntityType, string EntityId)>> SearchTextAsync(string tenantId, IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (terms.Count is 0 or > 32 || terms.Any(t => !PlainWord().IsMatch(t)))
        {
            throw new ArgumentException("1 to 32 search terms, each letters and digits only", nameof(terms));
        }

        await RefreshTextIndexAsync(tenantId, cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, SearchTextSql, ("@t", tenantId), ("@q", TextQuery(terms)), ("@n", (long)limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var found = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add((reader.GetString(0), reader.GetString(1)));
        }

        return found;
    }

    /// <summary>Brings the tenant's keyword index up to its newest change. Sequences are taken under the tenant's lock, so
    /// every change up to the newest one seen has committed: the range (cursor, newest] is complete.</summary>
    private async Task RefreshTextIndexAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        long Read(object? value) => value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        await using (var probe = Command(connection, null, "SELECT (SELECT seq FROM entity_text_state WHERE tenant_id = @t), (SELECT MAX(seq) FROM entities WHERE tenant_id = @t)", ("@t", tenantId)))
        await using (var reader = await probe.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (Read(reader.GetValue(1)) <= Read(reader.GetValue(0)))
            {
                return;
            }
        }

        await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        if (RefreshTextLockSql is { } lockSql)
        {
            await using var locking = Command(connection, tx, lockSql, ("@t", tenantId));
            await locking.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        long from, to;
        await using (var range = Command(connection, tx, "SELECT (SELECT seq FROM entity_text_state WHERE tenant_id = @t), (SELECT MAX(seq) FROM entities WHERE tenant_id = @t)", ("@t", tenantId)))
        await using (var reader = await range.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            (from, to) = (Read(reader.GetValue(0)), Read(reader.GetValue(1)));
        }

        if (to > from)
        {
            foreach (var sql in RefreshTextSql)
            {
                await using var command = Command(connection, tx, sql, ("@t", tenantId), ("@from", from), ("@to", to));
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var save = Command(connection, tx,
                $"INSERT INTO entity_text_state (tenant_id, seq) VALUES (@t, @to) ON CONFLICT (tenant_id) DO UPDATE SET seq = {Greatest("entity_text_state.seq", "excluded.seq")}",
                ("@t", tenantId), ("@to", to));
            await save.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    [GeneratedRegex(@"^[\p{L}\p{Nd}]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainWord();
}
