namespace Realign.Server.Tests.Automations;

[RequiresPostgres]
public sealed class PostgresServerAutomationsTests(PostgresDatabaseFixture database) : ServerAutomationsContract, IClassFixture<PostgresDatabaseFixture>
{
    protected override RealignServerOptions? StoreOptions() =>
        database.ConnectionString is { } cs ? new RealignServerOptions { PostgresConnectionString = cs } : null;
}
