using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Server.Telemetry;
using static Realign.Server.Tests.Items;

namespace Realign.Server.Tests;

/// <summary>OpenTelemetry as an operator turns it on: Prometheus' <c>/metrics</c> on a port of its own that serves nothing
/// else, and OTLP export of traces (with the database's spans), metrics and logs to a real collector on loopback; no
/// payload and no token in anything exported.</summary>
/// <remarks>An OpenTelemetry meter provider hears every meter of its name in the process, so these tests run alone, after
/// the others, with no other server pushing while they count.</remarks>
[Collection(TelemetryRunsAlone.Name)]
public sealed partial class TelemetryTests
{
    private const string Marker = "Zanzibar-quartz-7731";

    [Fact]
    public async Task TheMetricsPort_CountsPushesProposalsRefusalsPullsAndOutboxDepth_AndServesNothingElse()
    {
        using var scratch = new TempDir("realign-metrics-");
        await using var host = await RealignServerHost.StartAsync(new RealignServerOptions
        {
            Url = "http://127.0.0.1:0",
            MetricsUrl = "http://127.0.0.1:0",
            SqlitePath = scratch.Sub("realign.db"),
            Automations = false,
            MinimumLogLevel = LogLevel.Critical,
        });
        var (user, ai) = await TokensAsync(host);
        using var api = new Realign.Testing.Api(host.BaseAddress);

        Assert.Equal(200, (await api.PushAsync(user, Batch(User("n1", 1, $$"""{"title":"{{Marker}}"}"""), User("n2", 2, """{"title":"two"}""")))).Status);
        Assert.Equal(200, (await api.PushAsync(ai, Batch(Ai("n1", 3, """{"title":"a better title"}""")))).Status);

        // A conflict: the web edits n2 from version 1 after the desktop made version 2.
        var web = (await host.Store.CreateTokenAsync(new Storage.TokenRequest((await host.Store.ListTenantsAsync()).Single().Id, PrincipalKind.UserDevice, "web", true, "web"))).Token;
        Assert.Equal(200, (await api.PushAsync(user, Batch(User("n2", 5, """{"title":"two, edited"}""").With("base_version", 1)))).Status);
        var conflicting = await api.PushAsync(web, Batch(Item("n2", 1, "user:web", 6, """{"title":"two, edited on the web"}""").With("base_version", 1)));
        Assert.Equal("conflict", conflicting.Json.GetProperty("results")[0].GetProperty("outcome").GetString());
        var refused = await api.PushAsync(user, Batch(Item("n3", 9, "user:desktop", 4, """{"title":"x"}""")));
        Assert.Equal(400, refused.Status);
        Assert.Equal(401, (await api.GetAsync("/sync/pull", "rlt_not-a-token")).Status);
        using (var pull = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseAddress, "/sync/pull?since=0")))
        {
            pull.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user);
            pull.Headers.Add(ServerMetrics.OutboxDepthHeader, "7");
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(pull)).StatusCode);
        }

        Assert.NotNull(host.MetricsAddress);
        using var scraper = new HttpClient { BaseAddress = host.MetricsAddress };
        var text = await scraper.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(3, Value(text, "realign_push_items_total", "realign_outcome=\"applied\""));
        Assert.Equal(1, Value(text, "realign_push_items_total", "realign_outcome=\"conflict\""));
        Assert.Equal(1, Value(text, "realign_conflicts_total"));
        Assert.Equal(1, Value(text, "realign_push_items_total", "realign_outcome=\"proposal\""));
        Assert.Equal(1, Value(text, "realign_proposals_total"));
        Assert.Equal(1, Value(text, "realign_refusals_total", "realign_code=\"unauthorized\""));
        Assert.Equal(1, Value(text, "realign_refusals_total", $"realign_code=\"{refused.Code}\""));
        Assert.Equal(4, Value(text, "realign_push_batch_size_count"));
        Assert.Equal(5, Value(text, "realign_push_duration_seconds_count", "realign_result=\"applied\"") + Value(text, "realign_push_duration_seconds_count", "realign_result=\"refused\""));
        Assert.Equal(2, Value(text, "realign_pull_items_total"));
        Assert.Equal(7, Value(text, "realign_vault_outbox_depth_sum"));
        Assert.Equal(1, Value(text, "realign_pull_duration_seconds_bucket", "le=\"1\""));
        Assert.DoesNotContain(Marker, text, StringComparison.Ordinal);
        Assert.DoesNotContain(user, text, StringComparison.Ordinal);

        // The metrics port serves /metrics alone, and the server's own port does not serve it.
        Assert.Equal(HttpStatusCode.NotFound, (await scraper.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/sync/pull", UriKind.Relative)))
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user);
            Assert.Equal(HttpStatusCode.NotFound, (await scraper.SendAsync(request)).StatusCode);
        }

        var onMain = await api.GetAsync("/metrics", null);
        Assert.DoesNotContain("realign_push_items_total", onMain.Body, StringComparison.Ordinal);
    }

    [BackendTheory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public async Task Otlp_ExportsTracesWithTheDatabasesSpans_MetricsAndLogs_WithNoPayloadOrToken(Backend backend)
    {
        await using var collector = await OtlpCollector.StartAsync();
        using var scratch = new TempDir("realign-otlp-");
        var database = backend == Backend.Postgres ? await PostgresServer.CreateDatabaseAsync("otlp") : null;
        try
        {
            string user;
            await using (var host = await RealignServerHost.StartAsync(new RealignServerOptions
            {
                Url = "http://127.0.0.1:0",
                SqlitePath = database is null ? scratch.Sub("realign.db") : null,
                PostgresConnectionString = database,
                SecretsKeyFile = scratch.Sub("secrets.key"),
                OtlpEndpoint = collector.Endpoint,
                OtlpProtocol = OtlpProtocol.HttpProtobuf,
                Automations = false,
                MinimumLogLevel = LogLevel.Debug,
            }))
            {
                (user, _) = await TokensAsync(host);
                using var api = new Realign.Testing.Api(host.BaseAddress);
                Assert.Equal(200, (await api.PushAsync(user, Batch(User("n1", 1, $$"""{"title":"{{Marker}}","body":"{{Marker}} body"}""")))).Status);
                Assert.Equal(200, (await api.GetAsync("/sync/pull?since=0", user)).Status);
                Assert.Equal(401, (await api.GetAsync("/sync/pull?since=0", user + "x")).Status);
            }

            // Disposing the host flushed every exporter.
            Assert.All(collector.Received, r => Assert.Equal("application/x-protobuf", r.ContentType));
            Assert.True(collector.Holds("realign.store.apply_batch", "/v1/traces"), "the push's store span is exported");
            Assert.True(collector.Holds("realign.store.read_changes", "/v1/traces"), "the pull's store span is exported");
            Assert.True(collector.Holds("/sync/push", "/v1/traces"), "the request span is exported");
            if (backend == Backend.Postgres)
            {
                Assert.True(collector.Holds("Npgsql", "/v1/traces"), "Npgsql's statement spans are exported");
            }

            Assert.True(collector.Holds("realign.push.items", "/v1/metrics"), "the push counter is exported");
            Assert.True(collector.Holds("realign.pull.duration", "/v1/metrics"), "the pull histogram is exported");
            Assert.True(collector.Holds("Realign server listening", "/v1/logs"), "the log lines are exported");
            Assert.True(collector.Holds("not a live token of this server", "/v1/logs"), "the refused credential is logged");
            Assert.False(collector.Holds(Marker), "no payload is exported");
            Assert.False(collector.Holds(user), "no token is exported");
            Assert.False(collector.Holds(user + "x"), "no refused token is exported");
        }
        finally
        {
            if (database is not null)
            {
                await PostgresServer.DropDatabaseAsync(database);
            }
        }
    }

    [Fact]
    public async Task WithoutTelemetrySettings_ThereIsNoMetricsPort()
    {
        using var scratch = new TempDir("realign-metrics-");
        await using var host = await RealignServerHost.StartAsync(new RealignServerOptions { Url = "http://127.0.0.1:0", SqlitePath = scratch.Sub("realign.db"), Automations = false, MinimumLogLevel = LogLevel.Critical });

        Assert.Null(host.MetricsAddress);
    }

    [Theory]
    [InlineData("https://127.0.0.1:0", "is not an http:// URL")]
    [InlineData("http://metrics.lan:9464", "not the name 'metrics.lan'")]
    [InlineData("http://127.0.0.1:5080", "has the server's own port 5080")]
    public async Task AWrongMetricsUrl_StopsTheStart(string url, string message)
    {
        using var scratch = new TempDir("realign-metrics-");
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => RealignServerHost.StartAsync(new RealignServerOptions { Url = "http://127.0.0.1:5080", MetricsUrl = url, SqlitePath = scratch.Sub("realign.db") }));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(scratch.Sub("realign.db")));
    }

    private static async Task<(string User, string Ai)> TokensAsync(RealignServerHost host)
    {
        var tenant = await host.Store.CreateTenantAsync("telemetry", VaultMode.CloudFirst);
        var user = await host.Store.CreateTokenAsync(new Storage.TokenRequest(tenant.Id, PrincipalKind.UserDevice, "desktop", true, "owner"));
        var ai = await host.Store.CreateTokenAsync(new Storage.TokenRequest(tenant.Id, PrincipalKind.AiCloud, null, false, "ai"));
        return (user.Token, ai.Token);
    }

    /// <summary>The value of the Prometheus sample <paramref name="name"/> whose labels hold <paramref name="label"/> (0 when
    /// there is none).</summary>
    private static double Value(string text, string name, string? label = null)
    {
        foreach (Match m in Sample().Matches(text))
        {
            if (m.Groups["name"].Value == name && (label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            {
                return double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}

/// <summary>The tests that count a server's metrics: run by themselves (<see cref="TelemetryTests"/>).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryRunsAlone
{
    /// <summary>The collection's name.</summary>
    public const string Name = "telemetry, alone";
}
