using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;

namespace Realign.Server.Configuration;

/// <summary>Every setting of <c>realign serve</c>, as bound from <c>appsettings.json</c> (section <c>Realign</c>), the
/// <c>REALIGN_...</c> environment variables and the command line (docs/configuration.md has the table).</summary>
/// <remarks>The names here are the keys: <c>Realign:RateLimit</c> in JSON, <c>REALIGN_RATE_LIMIT</c> in the environment.
/// A property's <see cref="DescriptionAttribute"/> is its line in the documented table, and its validation attributes are
/// checked by <see cref="ServerConfiguration.Load"/>.</remarks>
public sealed class ServerSettings
{
    /// <summary>The listen URL.</summary>
    [Description("Listen URL: plain HTTP on loopback; `https://ADDRESS:PORT` with `Certificate`; plain HTTP on another address only with `TrustedProxies`. Port 0 picks a free port.")]
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The folder of the embedded SQLite store.</summary>
    [Description("Folder of the embedded SQLite store (`realign.db`) and the default secrets key. Not with `Postgres`.")]
    public string Data { get; set; } = "realign-data";

    /// <summary>A PostgreSQL connection string; when set, the store is PostgreSQL.</summary>
    [Description("PostgreSQL connection string (`Host=...;Database=...;Username=...;Password=...`); the store is PostgreSQL when it is set.")]
    [Secret]
    public string? Postgres { get; set; }

    /// <summary>The secrets key file.</summary>
    [Description("The file of the key that seals TOTP secrets and PINs at rest (made when missing). Default `secrets.key` in `Data` (with PostgreSQL too). Every server of one database needs the same file.")]
    public string? SecretsKey { get; set; }

    /// <summary>The TLS certificate.</summary>
    [Description("TLS certificate for an `https://` URL: a PEM file (with `CertificateKey`) or a PFX (with `CertificatePassword` if it has one).")]
    public string? Certificate { get; set; }

    /// <summary>The PEM key of <see cref="Certificate"/>.</summary>
    [Description("The PEM private key of `Certificate`.")]
    public string? CertificateKey { get; set; }

    /// <summary>The PFX password.</summary>
    [Description("The password of a PFX `Certificate` (keep it in the environment or a file only its owner reads; there is no command-line option).")]
    [Secret]
    public string? CertificatePassword { get; set; }

    /// <summary>The proxies whose forwarded headers are trusted.</summary>
    [Description("IP addresses of the proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are trusted (a JSON array, or commas in the environment). Needed for plain HTTP off loopback.")]
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Requests per minute per token.</summary>
    [Description("Requests per minute per token before 429 with Retry-After; 0 turns the limit off.")]
    [Range(0, int.MaxValue)]
    public int RateLimit { get; set; } = 1200;

    /// <summary>Whether this server runs the automations of cloud-first tenants.</summary>
    [Description("Run the automations of cloud-first tenants in this server (a lease per tenant keeps one runner among the servers of a database).")]
    public bool Automations { get; set; } = true;

    /// <summary>Whether the review UI is served.</summary>
    [Description("Serve the review UI at `/`; the API is the same either way.")]
    public bool ReviewUi { get; set; } = true;

    /// <summary>The largest request body.</summary>
    [Description("Largest request body in bytes; larger bodies get 413.")]
    [Range(4096L, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The most items in one push.</summary>
    [Description("Most items in one push batch; more get 413.")]
    [Range(1, 100_000)]
    public int MaxItemsPerBatch { get; set; } = 1000;

    /// <summary>The largest payload of one item.</summary>
    [Description("Largest compact payload of one item in UTF-8 bytes.")]
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = 256 * 1024;

    /// <summary>The pull page size when none is asked.</summary>
    [Description("Pull page size when the client gives no `limit`.")]
    [Range(1, 100_000)]
    public int DefaultPullLimit { get; set; } = 500;

    /// <summary>The largest pull page.</summary>
    [Description("Largest pull page; a larger `limit` is reduced to it.")]
    [Range(1, 100_000)]
    public int MaxPullLimit { get; set; } = 5000;

    /// <summary>How often the automation runner looks at tenants and schedules.</summary>
    [Description("How often the automation runner lists tenants and checks schedules (between rounds it wakes on changes).")]
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan AutomationPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a hold on a tenant's automations lasts unless renewed.</summary>
    [Description("How long a server's hold on a tenant's automations lasts unless renewed; at least twice `AutomationPollInterval`.")]
    [Range(typeof(TimeSpan), "00:00:00.020", "7.00:00:00")]
    public TimeSpan AutomationLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long history is kept.</summary>
    [Description("How long tombstones, `ai-usage` records, decided proposals, resolved conflicts, sync and security events and batch records are kept; `00:00:00` keeps everything. A client that has not synced for longer resyncs by itself.")]
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often the retention job runs.</summary>
    [Description("How often the retention job runs, once across all the servers of a store.")]
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The OTLP endpoint.</summary>
    [Description("Where traces, metrics and logs are sent by OTLP, e.g. `http://127.0.0.1:4317` (a collector's gRPC port) or `http://127.0.0.1:4318` with `OtlpProtocol` HttpProtobuf. None sends nothing.")]
    public string? OtlpEndpoint { get; set; }

    /// <summary>How OTLP is sent.</summary>
    [Description("How OTLP is sent: Grpc, or HttpProtobuf (to `/v1/traces`, `/v1/metrics` and `/v1/logs` under `OtlpEndpoint`).")]
    public Telemetry.OtlpProtocol OtlpProtocol { get; set; } = Telemetry.OtlpProtocol.Grpc;

    /// <summary>The listen URL of the metrics port.</summary>
    [Description("A second listen URL, plain HTTP (e.g. `http://127.0.0.1:9464`), that serves Prometheus' `/metrics` and nothing else. None serves none.")]
    public string? MetricsUrl { get; set; }

    /// <summary>The lowest level logged.</summary>
    [Description("Lowest level logged to the console: Trace, Debug, Information, Warning, Error, Critical or None.")]
    public LogLevel LogLevel { get; set; } = LogLevel.Information;
}

/// <summary>A setting whose value is never shown (<c>realign config</c> prints it as <c>***</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
