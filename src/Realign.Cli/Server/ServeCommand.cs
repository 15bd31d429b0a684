using System.ComponentModel;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Server;
using Realign.Server.Configuration;
using Realign.Storage;
using Spectre.Console.Cli;
using Spectre.Console;

namespace Realign.Cli.Server;

/// <summary><c>realign serve</c>: runs the sync server; on a new store it creates the tenant "personal" and an owner token.</summary>
internal sealed class ServeCommand : AsyncCommand<ServeCommand.Settings>
{
    internal sealed class Settings : StoreSettings
    {
        [CommandOption("--urls <URL>")]
        [Description("Listen URL (default http://127.0.0.1:5080): plain HTTP on loopback; https://ADDRESS:PORT with --certificate; plain HTTP on another address only with --trusted-proxy")]
        public string? Urls { get; init; }

        [CommandOption("--certificate <FILE>")]
        [Description("The TLS certificate for an https:// URL: a PEM file (with --certificate-key) or a PFX (its password in $REALIGN_CERTIFICATE_PASSWORD)")]
        public string? Certificate { get; init; }

        [CommandOption("--certificate-key <FILE>")]
        [Description("The PEM private key of --certificate")]
        public string? CertificateKey { get; init; }

        [CommandOption("--trusted-proxy <ADDRESS>")]
        [Description("A proxy whose X-Forwarded-For and X-Forwarded-Proto are trusted (repeat for several); needed for plain HTTP on an address that is not loopback")]
        public string[] TrustedProxies { get; init; } = [];

        [CommandOption("--rate-limit <N>")]
        [Description("Requests per minute per token before 429 (default 1200; 0 turns the limit off)")]
        public string? RateLimit { get; init; }

        [CommandOption("--no-automations")]
        [Description("Do not run the automations of cloud-first tenants in this server (another server on the same database may)")]
        public bool NoAutomations { get; init; }

        [CommandOption("--secrets-key <FILE>")]
        [Description("The secrets key that seals TOTP secrets and PINs at rest (made when missing; default secrets.key in the --data folder, ./realign-data). Give every server of one database the same file")]
        public string? SecretsKey { get; init; }

        [CommandOption("--metrics-url <URL>")]
        [Description("Also listen on this plain-HTTP URL (e.g. http://127.0.0.1:9464) for Prometheus: it serves /metrics and nothing else")]
        public string? MetricsUrl { get; init; }

        [CommandOption("--otlp-endpoint <URL>")]
        [Description("Send traces, metrics and logs by OTLP to this collector (e.g. http://127.0.0.1:4317; REALIGN_OTLP_PROTOCOL=HttpProtobuf for port 4318)")]
        public string? OtlpEndpoint { get; init; }

        [CommandOption("--no-ui")]
        [Description("Do not serve the review UI (the pages at /, signed in with a device token); the API is unchanged")]
        public bool NoUi { get; init; }

        protected override bool ChecksListen => true;

        protected override IEnumerable<(string Key, string Option, string Value)> CommandLine()
        {
            foreach (var given in base.CommandLine())
            {
                yield return given;
            }

            (string Key, string Option, string? Value)[] options =
            [
                (nameof(ServerSettings.Urls), "--urls", Urls),
                (nameof(ServerSettings.Certificate), "--certificate", Certificate),
                (nameof(ServerSettings.CertificateKey), "--certificate-key", CertificateKey),
                (nameof(ServerSettings.TrustedProxies), "--trusted-proxy", TrustedProxies.Length == 0 ? null : string.Join(',', TrustedProxies)),
                (nameof(ServerSettings.RateLimit), "--rate-limit", RateLimit),
                (nameof(ServerSettings.Automations), "--no-automations", NoAutomations ? "false" : null),
                (nameof(ServerSettings.SecretsKey), "--secrets-key", SecretsKey),
                (nameof(ServerSettings.ReviewUi), "--no-ui", NoUi ? "false" : null),
                (nameof(ServerSettings.MetricsUrl), "--metrics-url", MetricsUrl),
                (nameof(ServerSettings.OtlpEndpoint), "--otlp-endpoint", OtlpEndpoint),
            ];
            foreach (var (key, option, value) in options)
            {
                if (value is not null)
                {
                    yield return (key, option, value);
                }
            }
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // Every setting is read and checked, and a wrong listen setting (an unreadable certificate, say) stops the start,
        // before anything is created.
        var options = ServerConfiguration.ToOptions(settings.Resolved) with { SqlitePath = null, PostgresConnectionString = null };
        RealignServerHost.CheckListen(options);
        await using var store = await settings.OpenAsync(cancellationToken);
        var firstStart = (await store.ListTenantsAsync(cancellationToken)).Count == 0;
        TenantInfo? tenant = null;
        IssuedToken? owner = null;
        if (firstStart)
        {
            tenant = await store.CreateTenantAsync("personal", VaultMode.LocalFirst, null, cancellationToken);
            owner = await store.CreateTokenAsync(new TokenRequest(tenant.Id, PrincipalKind.UserDevice, "desktop", true, "owner"), cancellationToken);
        }

        await using var host = await RealignServerHost.StartAsync(options with { Store = store }, cancellationToken);
        var url = host.BaseAddress.ToString().TrimEnd('/');
        Console.WriteLine($"Realign server on {url} ({settings.Describe()})");
        Console.WriteLine($"API reference: {url}/docs   health: {url}/healthz   ready: {url}/readyz");
        if (host.MetricsAddress is { } metricsAddress)
        {
            Console.WriteLine($"Prometheus metrics: {metricsAddress}metrics");
        }

        Console.WriteLine($"Secrets key (seals TOTP secrets and PINs; back it up, and give every server of this database the same file): {(options.SecretsKeyFile is { } keyFile ? Path.GetFullPath(keyFile) : "none: give SecretsKey (--secrets-key) for confirmations")}");
        if (!settings.NoUi)
        {
            Console.WriteLine($"Review UI: {url}/ (sign in with a device token; a local-first tenant's content is read in 'realign ui' on its vault)");
        }
        if (host.AdminToken is { } admin)
        {
            Console.WriteLine($"Admin token (shown once; for /admin): {admin}");
        }

        if (tenant is not null && owner is not null)
        {
            Console.WriteLine($"Created tenant {tenant.Name} ({tenant.Id}), local_first.");
            Console.WriteLine($"Owner token (user:desktop, may accept; shown once): {owner.Token}");
            // A line that works as pasted: this program as it can be run again, a real folder, and (the tenant being
            // local-first) the passphrase asked for on the terminal.
            var vaultDir = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "notes-vault");
            Console.WriteLine("Connect a vault (asks for a new passphrase; its content is encrypted before it leaves the device):");
            Console.WriteLine($"  {CliInvocation.Command} vault init {CliInvocation.Quote(vaultDir)} --server {url} --token {owner.Token}");
        }

        Console.WriteLine("Press Ctrl+C to stop.");
        await host.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
