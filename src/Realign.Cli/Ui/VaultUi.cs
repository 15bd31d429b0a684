using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Realign.Vault;
using Realign.Web.Hosting;
using Realign.Web.Review;

namespace Realign.Cli.Ui;

/// <summary>The review UI served from a vault on 127.0.0.1 (<c>realign ui</c>). It answers only requests addressed to
/// the loopback address it printed (so a web page cannot reach it through a name it controls) that carry this start's
/// secret: given once in the printed address, then kept in a strict same-site cookie. So another local user, or a web
/// page in the browser, cannot read or drive it.</summary>
internal sealed class VaultUi : IAsyncDisposable
{
    private const string CookieName = "realign_ui";
    private readonly WebApplication _app;

    private VaultUi(WebApplication app, string secret)
    {
        _app = app;
        Secret = secret;
    }

    /// <summary>This start's secret.</summary>
    public string Secret { get; }

    /// <summary>The bound address (<c>http://127.0.0.1:PORT</c>).</summary>
    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>The address to open: the UI with the secret.</summary>
    public Uri OpenAddress => new(Address, "/?key=" + Secret);

    /// <summary>Starts the UI for <paramref name="vault"/> on 127.0.0.1:<paramref name="port"/> (0: any free port).</summary>
    /// <param name="vault">The vault.</param>
    /// <param name="port">The port (0: any free one).</param>
    /// <param name="transport">Makes the transport to the server (default: the vault's server and token).</param>
    /// <param name="cancellationToken">Stops the start.</param>
    public static async Task<VaultUi> StartAsync(LocalVault vault, int port, Func<Realign.Vault.Sync.HttpSyncTransport>? transport = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddReviewUi();
        builder.Services.AddSingleton<IReviewSource>(new VaultReviewSource(vault, transport ?? (() => Realign.Cli.Vault.VaultSession.Transport(vault))));
        var app = builder.Build();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var ui = new VaultUi(app, secret);
        app.Use(async (context, next) =>
        {
            if (!IsLoopbackHost(context.Request.Host))
            {
                context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
                await context.Response.WriteAsync("This review UI answers only at the 127.0.0.1 address 'realign ui' printed.", context.RequestAborted);
                return;
            }

            if (context.Request.Query.TryGetValue("key", out var key) && Same(key.ToString(), secret))
            {
                context.Response.Cookies.Append(CookieName, secret, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
                context.Response.Redirect(context.Request.PathBase + context.Request.Path);
                return;
            }

            if (!Same(context.Request.Cookies[CookieName] ?? "", secret))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("Open the address 'realign ui' printed (it holds this start's secret).", context.RequestAborted);
                return;
            }

            await next(context);
        });
        app.MapReviewUi();
        await app.StartAsync(cancellationToken);
        return ui;
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.WaitForShutdownAsync(_app, cancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static bool IsLoopbackHost(HostString host) => host.Host is "127.0.0.1" or "localhost" or "[::1]";

    private static bool Same(string a, string b) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
