namespace Realign.Storage.Tests;

[RequiresPostgres]
public sealed class PostgresReplicaStoreTests(PostgresDatabaseFixture database) : ReplicaStoreContract, IClassFixture<PostgresDatabaseFixture>
{
    protected override async Task<IReplicaStore?> OpenStoreAsync() =>
        database.ConnectionString is { } cs ? await ReplicaStores.OpenPostgresAsync(cs) : null;
}
