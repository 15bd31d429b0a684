namespace Realign.EndToEnd.Tests.Vault;

[RequiresPostgres]
public sealed class TwoVaultsOverHttpPostgresTests : TwoVaultsOverHttpContract
{
    protected override Backend Backend => Backend.Postgres;

    protected override bool Runs => PostgresServer.Available();
}
