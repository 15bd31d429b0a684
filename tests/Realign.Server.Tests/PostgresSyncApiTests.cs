namespace Realign.Server.Tests;

[RequiresPostgres]
public sealed class PostgresSyncApiTests(PostgresDatabaseFixture database) : SyncApiContract, IClassFixture<PostgresDatabaseFixture>
{
    protected override RealignServerOptions? StoreOptions() =>
        database.ConnectionString is { } cs ? new RealignServerOptions { PostgresConnectionString = cs } : null;
}
