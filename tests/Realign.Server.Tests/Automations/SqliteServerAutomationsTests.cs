namespace Realign.Server.Tests.Automations;

public sealed class SqliteServerAutomationsTests : ServerAutomationsContract, IDisposable
{
    private readonly TempDir _folder = new("realign-automations-");

    protected override RealignServerOptions? StoreOptions() => new() { SqlitePath = _folder.Sub("server.db") };

    public void Dispose() => _folder.Dispose();
}
