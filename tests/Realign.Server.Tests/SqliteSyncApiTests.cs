namespace Realign.Server.Tests;

public sealed class SqliteSyncApiTests : SyncApiContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("realign-server-").FullName;

    protected override RealignServerOptions? StoreOptions() => new() { SqlitePath = Path.Combine(_folder, "server.db") };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
