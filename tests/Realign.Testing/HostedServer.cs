using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Server;
using Realign.Storage;

namespace Realign.Testing;

/// <summary>The real sync server hosted in the test process on a free 127.0.0.1 port, over SQLite or PostgreSQL: the one
/// in-process server harness of the tests.</summary>
/// <remarks>Each server has a scratch <see cref="Folder"/> (its SQLite file, when the harness opened one, lives there). A
/// PostgreSQL database the harness created is dropped on dispose; a store named by the caller's options is the caller's.</remarks>
public sealed class HostedServer : IAsyncDisposable
{
    private readonly bool _dropDatabase;

    private HostedServer(RealignServerHost host, string admin, TempDir folder, string? sqlitePath, string? postgres, bool dropDatabase)
    {
        Host = host;
        Admin = admin;
        Folder = folder;
        SqlitePath = sqlitePath;
        PostgresConnectionString = postgres;
        _dropDatabase = dropDatabase;
        Api = new Api(host.BaseAddress);
    }

    public RealignServerHost Host { get; }

    public IReplicaStore Store => Host.Store;

    /// <summary>An admin token of the server.</summary>
    public string Admin { get; }

    /// <summary>An HTTP client of this server.</summary>
    public Api Api { get; }

    public Uri BaseAddress => Host.BaseAddress;

    /// <summary>The base address without the trailing slash, as the CLI and the vault settings take it.</summary>
    public string Url => BaseAddress.ToString().TrimEnd('/');

    /// <summary>The scratch folder of this server, removed on dispose.</summary>
    public TempDir Folder { get; }

    /// <summary>The SQLite file of the store, when the store is SQLite.</summary>
    public string? SqlitePath { get; }

    /// <summary>The PostgreSQL database of the store, when the store is PostgreSQL.</summary>
    public string? PostgresConnectionString { get; }

    /// <summary>Every route endpoint the running app maps, read from its <see cref="EndpointDataSource"/>.</summary>
    public IReadOnlyList<RouteEndpoint> Endpoints =>
        [.. Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.Select(e => e as RouteEndpoint ?? throw new InvalidOperationException($"endpoint {e.DisplayName} is not a route endpoint"))];

    /// <summary>The HTTP methods of an endpoint (<c>*</c> when it takes any).</summary>
    public static IReadOnlyList<string> MethodsOf(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? [.. methods] : ["*"];

    /// <summary>A server on a fresh SQLite file (in <see cref="Folder"/>) or on a fresh PostgreSQL database of the run's
    /// PostgreSQL (dropped on dispose).</summary>
    public static Task<HostedServer> StartAsync(Backend backend, RealignServerOptions? options = null) =>
        backend == Backend.Sqlite ? StartSqliteAsync(options) : StartPostgresAsync(options);

    public static async Task<HostedServer> StartSqliteAsync(RealignServerOptions? options = null)
    {
        var folder = new TempDir("realign-server-");
        var path = Path.Combine(Directory.CreateDirectory(folder.Sub("server")).FullName, "realign.db");
        return await StartAsync((options ?? new RealignServerOptions()) with { SqlitePath = path }, folder, path, null, dropDatabase: false);
    }

    /// <summary>A server on the SQLite file at <paramref name="path"/>, as it is (a restored backup, a store made before).</summary>
    public static async Task<HostedServer> StartOnSqliteFileAsync(string path, RealignServerOptions? options = null) =>
        await StartAsync((options ?? new RealignServerOptions()) with { SqlitePath = path }, new TempDir("realign-server-"), path, null, dropDatabase: false);

    public static async Task<HostedServer> StartPostgresAsync(RealignServerOptions? options = null)
    {
        var database = await PostgresServer.CreateDatabaseAsync("e2e");
        return await StartAsync((options ?? new RealignServerOptions()) with { PostgresConnectionString = database }, new TempDir("realign-server-"), null, database, dropDatabase: true);
    }

    /// <summary>A server on the store the options name (a SQLite path, a PostgreSQL database or an open store), which
    /// outlives the server.</summary>
    public static Task<HostedServer> StartAsync(RealignServerOptions options) =>
        StartAsync(options, new TempDir("realign-server-"), options.SqlitePath, options.PostgresConnectionString, dropDatabase: false);

    private static async Task<HostedServer> StartAsync(RealignServerOptions options, TempDir folder, string? sqlitePath, string? postgres, bool dropDatabase)
    {
        try
        {
            // A server on PostgreSQL gets a secrets key in its scratch folder unless the test names one (two servers of one
            // database share the file the test gives both).
            var secrets = options.SecretsKeyFile ?? (options.SqlitePath is null ? folder.Sub("secrets.key") : null);
            var host = await RealignServerHost.StartAsync(options with { Url = "http://127.0.0.1:0", MinimumLogLevel = LogLevel.Critical, SecretsKeyFile = secrets });
            var admin = host.AdminToken ?? await host.Store.CreateAdminTokenAsync();
            return new HostedServer(host, admin, folder, sqlitePath, postgres, dropDatabase);
        }
        catch
        {
            if (dropDatabase)
            {
                await PostgresServer.DropDatabaseAsync(postgres!);
            }

            folder.Dispose();
            throw;
        }
    }

    /// <summary>A new tenant with a token for each of <paramref name="principals"/> (default <see cref="Principals.All"/>),
    /// each labelled with its name.</summary>
    public async Task<TenantUnderTest> NewTenantAsync(VaultMode mode = VaultMode.LocalFirst, IEnumerable<(string Name, PrincipalKind Kind, string? Channel, bool CanAccept)>? principals = null)
    {
        var tenant = await Store.CreateTenantAsync("t-" + Guid.NewGuid().ToString("N")[..12], mode);
        var tokens = new Dictionary<string, string>();
        var ids = new Dictionary<string, string>();
        foreach (var (name, kind, channel, canAccept) in principals ?? Principals.All)
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
        if (_dropDatabase)
        {
            await PostgresServer.DropDatabaseAsync(PostgresConnectionString!);
        }

        Folder.Dispose();
    }
}
