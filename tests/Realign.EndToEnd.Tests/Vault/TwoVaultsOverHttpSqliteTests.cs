namespace Realign.EndToEnd.Tests.Vault;

public sealed class TwoVaultsOverHttpSqliteTests : TwoVaultsOverHttpContract
{
    protected override Backend Backend => Backend.Sqlite;
}
