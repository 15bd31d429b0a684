using Microsoft.Data.Sqlite;

namespace Realign.Storage.Tests;

public sealed class SqliteReplicaStoreTests : ReplicaStoreContract, IDisposable
{
    private readonly TempDir _folder = new("realign-store-");

    private string DatabasePath => _folder.Sub("replica.db");

    protected override async Task<IReplicaStore?> OpenStoreAsync() =>
        await ReplicaStores.OpenSqliteAsync(DatabasePath);

    /// <summary>The statements of <c>BrowseEntitiesAsync</c> with <c>belowUserOnly</c> (as SqlReplicaStore.Browse.cs builds them)
    /// are served by the partial index of migration 0005, not by a walk of the tenant's primary key.</summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task BrowseEntities_BelowUserOnly_PlannedOnThePartialIndex(bool withType, bool withAfter)
    {
        await (await OpenStoreAsync())!.DisposeAsync();
        var sql = "SELECT seq, head FROM entities WHERE tenant_id = @t"
            + " AND truth_level > 1 AND deleted = FALSE AND entity_type NOT IN ("
            + string.Join(", ", Realign.Core.Merge.SchemaPolicy.NeverSuggestedTypes.Select(t => "'" + t + "'")) + ")"
            + (withType ? " AND entity_type = @et" : "")
            + (withAfter ? " AND (entity_type, entity_id) > (@at, @ai)" : "")
            + " ORDER BY entity_type, entity_id LIMIT @n";
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in new (string, object)[] { ("@t", "tenant"), ("@et", "task"), ("@at", "note"), ("@ai", "n1"), ("@n", 50L) })
        {
            command.Parameters.AddWithValue(name, value);
        }

        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.Contains("ix_entities_below_user", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Dispose();
}
