using System.Data.Common;

namespace Realign.Storage.Internal;

internal abstract partial class SqlReplicaStore
{
    /// <summary>The part of an embedded resource name that marks this backend's migrations (<c>.Migrations.Sqlite.</c>).</summary>
    protected abstract string MigrationMarker { get; }

    /// <summary>The statement listing the script names DbUp's journal holds.</summary>
    protected abstract string JournalSql { get; }

    public async Task<StoreReadiness> CheckReadinessAsync(CancellationToken cancellationToken = default)
    {
        var expected = typeof(SqlReplicaStore).Assembly.GetManifestResourceNames()
            .Where(n => n.Contains(MigrationMarker, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command(connection, null, JournalSql);
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            var missing = expected.Where(n => !applied.Contains(n)).Select(n => n[(n.IndexOf(MigrationMarker, StringComparison.Ordinal) + MigrationMarker.Length)..]).ToList();
            return new StoreReadiness(true, expected.Count - missing.Count, missing, null);
        }
        catch (DbException ex)
        {
            return new StoreReadiness(false, 0, [], ex.Message.ReplaceLineEndings(" "));
        }
        catch (InvalidOperationException ex)
        {
            return new StoreReadiness(false, 0, [], ex.Message.ReplaceLineEndings(" "));
        }
    }
}
