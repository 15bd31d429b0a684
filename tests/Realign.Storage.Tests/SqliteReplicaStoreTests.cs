namespace Realign.Storage.Tests;

public sealed class SqliteReplicaStoreTests : ReplicaStoreContract, IDisposable
{
    private readonly TempDir _folder = new("realign-store-");

    protected override async Task<IReplicaStore?> OpenStoreAsync() =>
        await ReplicaStores.OpenSqliteAsync(_folder.Sub("replica.db"));

    public void Dispose() => _folder.Dispose();
}
