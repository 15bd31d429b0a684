using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Realign.Assist.Telemetry;
using Realign.Storage;

namespace Realign.Server.Telemetry;

/// <summary>OpenTelemetry for the server, on only when an operator asks: OTLP export of traces, metrics and logs
/// (<see cref="RealignServerOptions.OtlpEndpoint"/>), and a Prometheus scrape endpoint at <c>/metrics</c> on a port of its own
/// (<see cref="RealignServerOptions.MetricsUrl"/>) that serves nothing else. Without either, no provider is made and the
/// instruments cost a check each.</summary>
internal static class ServerTelemetry
{
    /// <summary>The service name in every resource.</summary>
    public const string ServiceName = "realign";

    /// <summary>The server's ActivitySource (spans of its own besides ASP.NET Core's requests).</summary>
    public const string SourceName = "Realign.Server";

    /// <summary>The connection item that marks a connection to the metrics port.</summary>
    private const string MetricsConnection = "realign.metrics-port";

    /// <summary>Whether any telemetry is configured.</summary>
    public static bool Enabled(RealignServerOptions options) => options.OtlpEndpoint is not null || options.MetricsUrl is not null;

    /// <summary>Registers the providers and exporters the options ask for.</summary>
    public static void AddRealignTelemetry(this IServiceCollection services, RealignServerOptions options)
    {
        if (!Enabled(options))
        {
            return;
        }

        var version = typeof(ServerTelemetry).Assembly.GetName().Version?.ToString() ?? "0";
        var otel = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(ServiceName, serviceVersion: version, autoGenerateServiceInstanceId: true));
        otel.WithMetrics(metrics =>
        {
            metrics.AddMeter(ServerMetrics.MeterName, AssistMetrics.MeterName, "System.Runtime")
                .AddNpgsqlInstrumentation()
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation();
            if (options.MetricsUrl is not null)
            {
                metrics.AddPrometheusExporter();
            }

            if (options.OtlpEndpoint is { } endpoint)
            {
                metrics.AddOtlpExporter(o => Export(o, endpoint, options.OtlpProtocol, "v1/metrics"));
            }
        });

        if (options.OtlpEndpoint is { } otlp)
        {
            otel.WithTracing(tracing => tracing
                .AddSource(SourceName, StoreTelemetry.SourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(o => Export(o, otlp, options.OtlpProtocol, "v1/traces")));

            // The server's log lines, as the console has them: messages made from templates whose values are ids, codes and
            // counts, never a payload or a token (docs/operations.md, "Observability").
            otel.WithLogging(logging => logging.AddOtlpExporter(o => Export(o, otlp, options.OtlpProtocol, "v1/logs")), o => o.IncludeFormattedMessage = true);
        }
    }

    /// <summary>Marks the connections of the metrics listener, so the pipeline serves them <c>/metrics</c> and nothing else.</summary>
    public static void MarkMetricsConnections(ListenOptions listen) =>
        listen.Use(next => connection =>
        {
            connection.Items[MetricsConnection] = true;
            return next(connection);
        });

    /// <summary>Serves <c>/metrics</c> (Prometheus text) on the metrics port, 404 for every other path there, before anything
    /// else in the pipeline: no token is ever read on that port, and the API is never reachable through it.</summary>
    public static void UseMetricsPort(this WebApplication app, RealignServerOptions options)
    {
        if (options.MetricsUrl is null)
        {
            return;
        }

        app.UseWhen(IsMetricsConnection, port =>
        {
            port.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path == "/metrics");
            port.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
    }

    private static bool IsMetricsConnection(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(MetricsConnection) == true;

    private static bool IsProbe(HttpContext context) =>
        IsMetricsConnection(context) || context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/readyz");

    private static void Export(OtlpExporterOptions exporter, Uri endpoint, OtlpProtocol protocol, string signalPath)
    {
        if (protocol == OtlpProtocol.HttpProtobuf)
        {
            // Given in code, an HTTP endpoint is used as is: the signal's path is the caller's to add.
            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            exporter.Endpoint = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
        }
        else
        {
            exporter.Protocol = OtlpExportProtocol.Grpc;
            exporter.Endpoint = endpoint;
        }
    }
}

/// <summary>How OTLP is sent: gRPC (port 4317 by convention) or HTTP with protobuf bodies (port 4318).</summary>
public enum OtlpProtocol
{
    /// <summary>OTLP over gRPC.</summary>
    Grpc,

    /// <summary>OTLP over HTTP, protobuf bodies to <c>/v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c>.</summary>
    HttpProtobuf,
}
