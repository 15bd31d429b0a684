using System.Text.RegularExpressions;

namespace Realign.Storage.Internal;

internal abstract partial class SqlReplicaStore
{
    /// <summary>The statement of <see cref="SearchTextAsync"/>: parameters <c>@t</c> (tenant), <c>@q</c> (the query of
    /// <see cref="TextQuery"/>) and <c>@n</c> (limit); it yields entity type and id, best first.</summary>
    protected abstract string SearchTextSql { get; }

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

    [GeneratedRegex(@"^[\p{L}\p{Nd}]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainWord();
}
