namespace Realign.Storage.Tests;

public sealed class SqliteReplicaStoreTests : ReplicaStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("realign-store-").FullName;

    protected override async Task<IReplicaStore?> OpenStoreAsync() =>
        await ReplicaStores.OpenSqliteAsync(Path.Combine(_folder, "replica.db"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
