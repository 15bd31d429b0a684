namespace Realign.Testing;

public enum Backend
{
    Sqlite,
    Postgres,
}
