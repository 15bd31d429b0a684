using Microsoft.Extensions.Logging;
using Realign.Storage;

namespace Realign.Server;

/// <summary>How to host the sync server: where to listen, which store to use, and the request limits.</summary>
/// <remarks>Give exactly one of <see cref="Store"/>, <see cref="SqlitePath"/> and <see cref="PostgresConnectionString"/>.
/// By default the server listens on loopback (127.0.0.1); HTTPS on another interface needs <see cref="CertificateFile"/>,
/// and plain HTTP off loopback needs <see cref="TrustedProxies"/> (docs/operations.md). Port 0 picks a free port.</remarks>
public sealed record RealignServerOptions
{
    /// <summary>The listen URL, e.g. <c>http://127.0.0.1:5080</c> or <c>https://0.0.0.0:5443</c> (port 0 picks a free port).</summary>
    public string Url { get; init; } = "http://127.0.0.1:5080";

    /// <summary>An open store the caller owns (the host does not dispose it).</summary>
    public IReplicaStore? Store { get; init; }

    /// <summary>A SQLite file the host opens (and disposes).</summary>
    public string? SqlitePath { get; init; }

    /// <summary>A PostgreSQL connection string the host opens (and disposes).</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Largest request body, in bytes; larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Most items in one push batch; more get 413.</summary>
    public int MaxItemsPerBatch { get; init; } = 1000;

    /// <summary>Largest compact payload of one item, in UTF-8 bytes.</summary>
    public int MaxPayloadBytes { get; init; } = 256 * 1024;

    /// <summary>Pull page size when the client gives no <c>limit</c>.</summary>
    public int DefaultPullLimit { get; init; } = 500;

    /// <summary>Largest pull page; a larger <c>limit</c> is reduced to it.</summary>
    /// <remarks>A page is streamed from the database reader, so its size costs the server no memory; the bound keeps one
    /// read snapshot short. Pages of 5,000 instead of 1,000 pulled 10% more heads per second in the benchmark (docs/performance.md).</remarks>
    public int MaxPullLimit { get; init; } = 5000;

    /// <summary>Requests one token may make per <see cref="RateLimitWindow"/>; more get 429 with Retry-After.</summary>
    public int RateLimitPermits { get; init; } = 1200;

    /// <summary>The rate limit window.</summary>
    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The clock used for admission (future timestamps), audit rows and automations (schedules, stamps, leases).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Kestrel's <c>UnsafePreferInlineScheduling</c>: a request runs on the thread that read it, and a response's
    /// flush sends on the thread that flushed, without a hand-off through Kestrel's I/O queues. Socket completions still
    /// reach the thread pool first (the runtime's inline completions stay off), so handlers never run on the epoll thread.
    /// On by default: it saves a thread hand-off per flush of a streamed pull page (docs/performance.md, fourth round).</summary>
    public bool InlineScheduling { get; init; } = true;

    /// <summary>Runs the automations of cloud-first tenants in this server (on by default; docs/assist.md, "Automations on the
    /// server"). Every server on one store may have it on: a lease per tenant in <c>automation_runners</c> keeps one runner
    /// per tenant. Local-first tenants are never run by a server: their vaults run their rules.</summary>
    public bool Automations { get; init; } = true;

    /// <summary>Serves the review UI at <c>/</c> (on by default; docs/review-ui.md): a tenant's user signs in with a device
    /// token and reviews suggestions in a browser, writing as <c>user:web</c>.</summary>
    public bool ReviewUi { get; init; } = true;

    /// <summary>How often the automation runner lists the tenants and checks schedules (default 10 s); between those rounds it
    /// wakes on the changes of the tenants it runs.</summary>
    public TimeSpan AutomationPollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a server's hold on a tenant's automations lasts unless renewed (default 60 s; at least twice
    /// <see cref="AutomationPollInterval"/>): the longest another server waits to take over from one that stopped without
    /// releasing it.</summary>
    public TimeSpan AutomationLease { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The file of the server's secrets key, which seals TOTP secrets and PIN hashes at rest (made, readable by its
    /// owner only, when missing). Default: <c>secrets.key</c> beside <see cref="SqlitePath"/>; with PostgreSQL or a given
    /// <see cref="Store"/> there is no default, and confirmations answer 503 until one is set. Every server of one database
    /// needs the same file (docs/channels.md).</summary>
    public string? SecretsKeyFile { get; init; }

    /// <summary>The TLS certificate for an <c>https://</c> <see cref="Url"/>: a PEM certificate (with
    /// <see cref="CertificateKeyFile"/>) or a PFX (with <see cref="CertificatePassword"/> when it has one).</summary>
    public string? CertificateFile { get; init; }

    /// <summary>The PEM private key of <see cref="CertificateFile"/>.</summary>
    public string? CertificateKeyFile { get; init; }

    /// <summary>The password of a PFX <see cref="CertificateFile"/>.</summary>
    public string? CertificatePassword { get; init; }

    /// <summary>The proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are trusted (their addresses alone);
    /// needed for plain HTTP on an address that is not loopback.</summary>
    public IReadOnlyList<System.Net.IPAddress> TrustedProxies { get; init; } = [];

    /// <summary>Where traces, metrics and logs are sent by OTLP (e.g. <c>http://127.0.0.1:4317</c> for a collector's gRPC
    /// port); null sends nothing (docs/operations.md, "Observability").</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>How OTLP is sent to <see cref="OtlpEndpoint"/>.</summary>
    public Telemetry.OtlpProtocol OtlpProtocol { get; init; } = Telemetry.OtlpProtocol.Grpc;

    /// <summary>A second listen URL (plain HTTP, e.g. <c>http://127.0.0.1:9464</c>) that serves the Prometheus scrape endpoint
    /// <c>/metrics</c> and nothing else; null serves none.</summary>
    public string? MetricsUrl { get; init; }

    /// <summary>How long tombstones, usage records, decided proposals, resolved conflicts, events and batch records are kept
    /// (default 90 days); <see cref="TimeSpan.Zero"/> keeps everything. A client that has not synced for longer resyncs
    /// (docs/operations.md, "Retention").</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Takes part in running the retention job (on by default). Every server on one store may: the job's row in
    /// <c>maintenance_jobs</c> gives each interval's pass to one of them.</summary>
    public bool RetentionJob { get; init; } = true;

    /// <summary>How often the retention job runs across all servers of a store (default 1 hour).</summary>
    public TimeSpan RetentionInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Lowest level logged (the standard console logger); default Information.</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;
}
