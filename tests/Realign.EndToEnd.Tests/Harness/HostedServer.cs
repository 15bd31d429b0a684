using Microsoft.Extensions.Logging;
using Realign.Core.Contract;
using Realign.Server;
using Realign.Storage;

namespace Realign.EndToEnd.Tests.Harness;

public sealed class HostedServer : IAsyncDisposable
{
    private readonly string? _folder;

    private HostedServer(RealignServerHost host, string admin, string? folder)
    {
        Host = host;
        Admin = admin;
        _folder = folder;
        Api = new Api(host.BaseAddress);
    }

    public RealignServerHost Host { get; }

    public IReplicaStore Store => Host.Store;

    public string Admin { get; }

    public Api Api { get; }

    public static async Task<HostedServer> StartSqliteAsync(RealignServerOptions? options = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "realign-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return await StartAsync((options ?? new RealignServerOptions()) with { SqlitePath = Path.Combine(folder, "realign.db") }, folder);
    }

    public static Task<HostedServer> StartAsync(RealignServerOptions options) => StartAsync(options, null);

    private static async Task<HostedServer> StartAsync(RealignServerOptions options, string? folder)
    {
        var host = await RealignServerHost.StartAsync(options with { Url = "http://127.0.0.1:0", MinimumLogLevel = LogLevel.Critical });
        var admin = host.AdminToken ?? await host.Store.CreateAdminTokenAsync();
        return new HostedServer(host, admin, folder);
    }

    public async Task<TenantUnderTest> NewTenantAsync(VaultMode mode = VaultMode.LocalFirst)
    {
        var tenant = await Store.CreateTenantAsync("t-" + Guid.NewGuid().ToString("N")[..12], mode);
        var tokens = new Dictionary<string, string>();
        var ids = new Dictionary<string, string>();
        foreach (var (name, kind, channel, canAccept) in Principals.All)
        {
            var issued = await Store.CreateTokenAsync(new TokenRequest(tenant.Id, kind, channel, canAccept, name));
            tokens[name] = issued.Token;
            ids[name] = issued.Principal.PrincipalId;
        }

        return new TenantUnderTest(tenant.Id, tokens, ids);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Host.DisposeAsync();
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, true);
            }
            catch (IOException)
            {
            }
        }
    }
}
