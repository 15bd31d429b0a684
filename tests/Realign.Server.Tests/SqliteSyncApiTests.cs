namespace Realign.Server.Tests;

public sealed class SqliteSyncApiTests : SyncApiContract, IDisposable
{
    private readonly TempDir _folder = new("realign-server-");

    protected override RealignServerOptions? StoreOptions() => new() { SqlitePath = _folder.Sub("server.db") };

    public void Dispose() => _folder.Dispose();
}
