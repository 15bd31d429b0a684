using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Server;
using Realign.Storage;

namespace Realign.Benchmarks;

/// <summary>The server being measured: <c>realign serve</c> in a child process (so client memory does not count), or in process as a fallback.</summary>
internal sealed class ServerUnderTest : IAsyncDisposable
{
    private readonly ServeProcess? _process;
    private readonly RealignServerHost? _host;

    private ServerUnderTest(ServeProcess? process, RealignServerHost? host, Uri baseAddress, string token, string tenantId, (string Token, string TenantId) warmUp, (string Token, string TenantId) vault)
    {
        WarmUpToken = warmUp.Token;
        VaultToken = vault.Token;
        VaultTenantId = vault.TenantId;
        _process = process;
        _host = host;
        BaseAddress = baseAddress;
        Token = token;
        TenantId = tenantId;
    }

    public Uri BaseAddress { get; }

    public string Token { get; }

    public string TenantId { get; }

    /// <summary>A token of a second tenant, for warming the server up without touching the measured tenant.</summary>
    public string WarmUpToken { get; }

    /// <summary>A user token of a third, cloud-first tenant, for the vault round trip.</summary>
    public string VaultToken { get; }

    /// <summary>The tenant of <see cref="VaultToken"/>.</summary>
    public string VaultTenantId { get; }

    public bool InProcess => _process is null;

    /// <summary>The <c>realign</c> executable next to this assembly (apphost first, then the dll), or null.</summary>
    public static string? FindRealign()
    {
        var folder = AppContext.BaseDirectory;
        var apphost = Path.Combine(folder, OperatingSystem.IsWindows() ? "realign.exe" : "realign");
        if (File.Exists(apphost))
        {
            return apphost;
        }

        var dll = Path.Combine(folder, "realign.dll");
        return File.Exists(dll) ? dll : null;
    }

    public static async Task<ServerUnderTest> StartAsync(string? executable, string? sqlitePath, string? postgres, CancellationToken cancellationToken)
    {
        if (executable is null)
        {
            var options = new RealignServerOptions { Url = "http://127.0.0.1:0", MinimumLogLevel = LogLevel.Warning, RateLimitPermits = int.MaxValue };
            options = postgres is null ? options with { SqlitePath = sqlitePath } : options with { PostgresConnectionString = postgres };
            var host = await RealignServerHost.StartAsync(options, cancellationToken);
            var tenant = await host.Store.CreateTenantAsync("bench", VaultMode.LocalFirst, null, cancellationToken);
            var issued = await host.Store.CreateTokenAsync(new TokenRequest(tenant.Id, PrincipalKind.UserDevice, "desktop", true), cancellationToken);
            var warm = await host.Store.CreateTenantAsync("warm-up", VaultMode.LocalFirst, null, cancellationToken);
            var warmToken = await host.Store.CreateTokenAsync(new TokenRequest(warm.Id, PrincipalKind.UserDevice, "desktop", true), cancellationToken);
            var vault = await host.Store.CreateTenantAsync("vault", VaultMode.CloudFirst, null, cancellationToken);
            var vaultToken = await host.Store.CreateTokenAsync(new TokenRequest(vault.Id, PrincipalKind.UserDevice, "desktop", true), cancellationToken);
            return new ServerUnderTest(null, host, host.BaseAddress, issued.Token, tenant.Id, (warmToken.Token, warm.Id), (vaultToken.Token, vault.Id));
        }

        var process = await ServeProcess.StartAsync(executable, Path.GetDirectoryName(sqlitePath), postgres, cancellationToken, apiOnly: false);
        try
        {
            var token = process.Printed("shown once): ") ?? throw new InvalidOperationException("realign serve printed no owner token");
            var tenantId = process.Printed("Created tenant personal (")?.Split(')')[0] ?? throw new InvalidOperationException("realign serve created no tenant");
            var admin = process.AdminToken ?? throw new InvalidOperationException("realign serve printed no admin token");
            var warmUp = await TenantTokenAsync(process.BaseAddress, admin, "warm-up", "local_first", cancellationToken);
            var vaultTenant = await TenantTokenAsync(process.BaseAddress, admin, "vault", "cloud_first", cancellationToken);
            return new ServerUnderTest(process, null, process.BaseAddress, token, tenantId, warmUp, vaultTenant);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>The server's peak resident memory so far, in MB (VmHWM of its process).</summary>
    public double PeakRssMb()
    {
        return ProcStatus.PeakRssMb(_process?.Id ?? Environment.ProcessId) ?? double.NaN;
    }

    /// <summary>The CPU time the server's process has used so far (user and system), or the bench's own when in process.</summary>
    public TimeSpan CpuTime()
    {
        if (_process is null)
        {
            return Process.GetCurrentProcess().TotalProcessorTime;
        }

        return _process.CpuTime();
    }

    private static async Task<(string Token, string TenantId)> TenantTokenAsync(Uri baseAddress, string adminToken, string name, string mode, CancellationToken cancellationToken)
    {
        using var http = AdminCalls.Client(baseAddress, adminToken);
        await AdminCalls.CreateTenantAsync(http, name, mode, cancellationToken);
        return await AdminCalls.CreateTokenAsync(http, name, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
