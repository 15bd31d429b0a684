namespace Realign.EndToEnd.Tests.Vault;

public enum Backend
{
    Sqlite,
    Postgres,
}
