using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Realign.Server.Internal;
using Realign.Storage;

namespace Realign.Server;

/// <summary>The sync server running in this process on Kestrel: start it, read its address, dispose it to stop.</summary>
/// <remarks>Used by <c>realign serve</c> and by tests (<c>http://127.0.0.1:0</c>, then <see cref="BaseAddress"/>).</remarks>
public sealed class RealignServerHost : IAsyncDisposable
{
    /// <summary>The log categories of the framework and the drivers, never logged below Warning.</summary>
    private static readonly string[] FrameworkCategories = ["Microsoft", "System", "Npgsql", "Polly", "OpenTelemetry"];

    private readonly WebApplication _app;
    private readonly bool _ownsStore;

    private RealignServerHost(WebApplication app, IReplicaStore store, bool ownsStore, Uri baseAddress, Uri? metricsAddress, string? adminToken)
    {
        MetricsAddress = metricsAddress;
        _app = app;
        Store = store;
        _ownsStore = ownsStore;
        BaseAddress = baseAddress;
        AdminToken = adminToken;
    }

    /// <summary>The bound base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The bound address of the metrics listener (<see cref="RealignServerOptions.MetricsUrl"/>), e.g.
    /// <c>http://127.0.0.1:9464/</c>, whose <c>/metrics</c> Prometheus scrapes; null when there is none.</summary>
    public Uri? MetricsAddress { get; }

    /// <summary>The store the server uses.</summary>
    public IReplicaStore Store { get; }

    /// <summary>The admin token created on this start (first start of a store only), else null; only its hash is stored.</summary>
    public string? AdminToken { get; }

    /// <summary>The running app's services, for example its <c>EndpointDataSource</c> (the tests sweep every mapped endpoint).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Checks the listen settings of <paramref name="options"/> (the URL, the certificate, the trusted proxies)
    /// without opening anything, so a caller can refuse a wrong setting before it creates a store.</summary>
    /// <exception cref="ArgumentException">The setting that is wrong, in one line.</exception>
    public static void CheckListen(RealignServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var listen = ListenAddress.Check(options.Url, options.CertificateFile is not null, options.TrustedProxies.Count > 0);
        if (options.MetricsUrl is { } metrics)
        {
            ListenAddress.CheckMetrics(metrics, (listen.Address, listen.Port));
        }

        if (options.CertificateFile is { } file)
        {
            ServerCertificate.Load(file, options.CertificateKeyFile, options.CertificatePassword).Dispose();
        }
    }

    /// <summary>Opens the store (running migrations), ensures an admin token, and starts listening.</summary>
    /// <exception cref="ArgumentException">A listen setting that is wrong or unsafe (plain HTTP off loopback with no trusted
    /// proxy, https without a certificate, a certificate that cannot be read), or store options that are ambiguous.</exception>
    public static async Task<RealignServerHost> StartAsync(RealignServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var listen = ListenAddress.Check(options.Url, options.CertificateFile is not null, options.TrustedProxies.Count > 0);
        (System.Net.IPAddress Address, int Port)? metricsListen = options.MetricsUrl is { } metricsUrl ? ListenAddress.CheckMetrics(metricsUrl, (listen.Address, listen.Port)) : null;
        var certificate = options.CertificateFile is { } certFile ? ServerCertificate.Load(certFile, options.CertificateKeyFile, options.CertificatePassword) : null;
        if (options.Automations)
        {
            Automations.AutomationService.Validate(options);
        }

        var (store, owns) = await OpenStoreAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            var adminToken = await store.CreateAdminTokenIfNoneAsync(cancellationToken).ConfigureAwait(false);
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(RealignServerHost).Assembly.GetName().Name, ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(options.MinimumLogLevel);
            // The level applies to the server's own lines, whose values are ids, codes and counts. The framework's and the
            // drivers' stay at Warning whatever the level: their request lines carry query strings (a search's words), and
            // at Debug they log bound values and statements (docs/operations.md, "Logs").
            foreach (var category in FrameworkCategories)
            {
                builder.Logging.AddFilter(category, (LogLevel)Math.Max((int)LogLevel.Warning, (int)options.MinimumLogLevel));
            }

            // A start that fails (a port in use, say) reaches the caller as its exception, which the CLI prints as one line;
            // the host's own log of it is a stack trace, so it is held back until the server is up.
            var started = false;
            var framework = (LogLevel)Math.Max((int)LogLevel.Warning, (int)options.MinimumLogLevel);
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", level => level >= (started ? framework : LogLevel.Critical));

            // The data protection key ring is kept in the store, unencrypted like the rest of it (docs/review-ui.md,
            // "Sessions across servers": a session still needs a live token), so the warning that says so on every new key
            // says nothing an operator should act on.
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
                k.Listen(listen.Address, listen.Port, o =>
                {
                    if (certificate is not null)
                    {
                        o.UseHttps(certificate);
                    }
                });
                if (metricsListen is { } m)
                {
                    k.Listen(m.Address, m.Port, Telemetry.ServerTelemetry.MarkMetricsConnections);
                }
            });
            builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = options.InlineScheduling);
            builder.Services.AddSingleton(store);
            builder.Services.AddSingleton(options);
            builder.Services.AddRealignServer(options, store);
            Telemetry.ServerTelemetry.AddRealignTelemetry(builder.Services, options);
            var app = builder.Build();
            app.UseRealignServer();
            app.MapRealignServer(options);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            started = true;
            // Kestrel reports its addresses in the order the endpoints were configured: the server's, then the metrics port.
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
            var address = addresses[0];
            var metricsAddress = metricsListen is null ? null : new Uri(addresses[1].TrimEnd('/') + "/");
            ServerLog.Listening(app.Logger, address, store.Backend);
            return new RealignServerHost(app, store, owns, new Uri(address.TrimEnd('/') + "/"), metricsAddress, adminToken);
        }
        catch
        {
            if (owns)
            {
                await store.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C or <paramref name="cancellationToken"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the server and disposes the store if the host opened it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_ownsStore)
        {
            await Store.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<(IReplicaStore Store, bool Owns)> OpenStoreAsync(RealignServerOptions options, CancellationToken cancellationToken)
    {
        var given = (options.Store is null ? 0 : 1) + (options.SqlitePath is null ? 0 : 1) + (options.PostgresConnectionString is null ? 0 : 1);
        if (given != 1)
        {
            throw new ArgumentException("give exactly one of Store, SqlitePath and PostgresConnectionString", nameof(options));
        }

        if (options.Store is { } store)
        {
            return (store, false);
        }

        return options.SqlitePath is { } path
            ? (await ReplicaStores.OpenSqliteAsync(path, cancellationToken).ConfigureAwait(false), true)
            : (await ReplicaStores.OpenPostgresAsync(options.PostgresConnectionString!, cancellationToken).ConfigureAwait(false), true);
    }
}
