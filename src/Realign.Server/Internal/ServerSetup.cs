using Microsoft.AspNetCore.HttpOverrides;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Realign.Core.Contract;
using Realign.Server.Api;
using Realign.Server.Automations;
using Realign.Server.Review;
using Realign.Storage;
using Scalar.AspNetCore;

namespace Realign.Server.Internal;

/// <summary>Services, middleware and endpoints of the sync server.</summary>
internal static class ServerSetup
{
    public static IServiceCollection AddRealignServer(this IServiceCollection services, RealignServerOptions options, IReplicaStore store)
    {
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            ApiDocument.Describe(document);
            return Task.CompletedTask;
        }));
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, Realign.Core.Contract.RealignJsonContext.Default);
        });
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => PartitionFor(context, options));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry)
                    ? (int)Math.Ceiling(retry.TotalSeconds)
                    : (int)Math.Ceiling(options.RateLimitWindow.TotalSeconds);
                (rejected.HttpContext.RequestServices.GetService(typeof(Telemetry.ServerMetrics)) as Telemetry.ServerMetrics)?.Refused(ProblemCodes.RateLimited);
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await new Problem(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited, $"this token is over {options.RateLimitPermits} requests per {options.RateLimitWindow.TotalSeconds:0} s; retry after {Math.Max(1, seconds)} s")
                    .ExecuteAsync(rejected.HttpContext).ConfigureAwait(false);
            };
        });
        services.AddResponseCompression(o =>
        {
            // Only the pull pages are compressed (see UseRealignServer), and only for a client that asks: they never carry
            // a token or a secret of the server, and over HTTPS the client decides (a vault asks off loopback only).
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["application/json"];
        });

        // The fastest levels: a pull page is compressed once per request on the server's own time.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        var keyFile = options.SecretsKeyFile ?? (options.SqlitePath is { } sqlite ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sqlite))!, "secrets.key") : null);
        var secretsKey = keyFile is null ? null : Confirm.SecretsKey.LoadOrCreate(keyFile);
        services.AddSingleton(new Confirm.ConfirmationService(store, options.Clock, secretsKey));
        services.AddSingleton(new DeviceActivity(store, options.Clock));
        services.AddSingleton(new Search.TenantVectors(store));
        services.AddSingleton<Telemetry.ServerMetrics>();
        services.AddSingleton<Retention.RetentionService>();
        services.AddHostedService(provider => provider.GetRequiredService<Retention.RetentionService>());
        if (options.ReviewUi)
        {
            services.AddServerUi(store);
        }

        if (options.Automations)
        {
            services.AddSingleton<AutomationService>();
            services.AddHostedService(provider => provider.GetRequiredService<AutomationService>());
        }

        return services;
    }

    private static RateLimitPartition<string> PartitionFor(HttpContext context, RealignServerOptions options)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/docs") || path.StartsWithSegments("/openapi"))
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        // Sign-in attempts are limited by address whatever header they carry: a made-up bearer token must not buy a fresh
        // partition for each guess.
        var key = !path.StartsWithSegments("/ui/signin") && Bearer.TokenOf(context) is { } token ? "t:" + Tokens.Hash(token) : "ip:" + context.Connection.RemoteIpAddress;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.RateLimitPermits,
            Window = options.RateLimitWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    public static WebApplication UseRealignServer(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<RealignServerOptions>();
        Telemetry.ServerTelemetry.UseMetricsPort(app, options);
        if (options.TrustedProxies.Count > 0)
        {
            // The client's address and scheme from the named proxies alone; a header from anywhere else is ignored.
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in options.TrustedProxies)
            {
                forwarded.KnownProxies.Add(proxy);
            }

            app.UseForwardedHeaders(forwarded);
        }

        if (options.CertificateFile is not null)
        {
            // HTTPS only: browsers remember for a year not to try plain HTTP on this host.
            app.Use((context, next) =>
            {
                context.Response.Headers.StrictTransportSecurity = "max-age=31536000";
                return next(context);
            });
        }

        app.UseMiddleware<ErrorBoundary>();
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/sync/pull", StringComparison.Ordinal), pull => pull.UseResponseCompression());
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapRealignServer(this WebApplication app, RealignServerOptions options)
    {
        app.MapRealignEndpoints();
        if (options.ReviewUi)
        {
            app.MapServerUi();
        }

        return app;
    }

    public static IEndpointRouteBuilder MapRealignEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi();
        // Offline and local: no AI chat, no MCP, no developer toolbar (deploy, SDK generation), no telemetry, no cloud client button.
        endpoints.MapScalarApiReference("/docs", o => o
            .WithTitle(ApiDocument.Title)
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .DisableTelemetry()
            .HideClientButton()
            .AddPreferredSecuritySchemes(ApiDocument.BearerScheme));
        endpoints.MapGet("/healthz", (IReplicaStore store) => TypedResults.Ok(new HealthResponse("ok", store.Backend)))
            .WithName("Health").WithSummary("Liveness: 200 when the server process is up (it reads nothing).");
        endpoints.MapGet("/readyz", async Task<IResult> (IReplicaStore store, CancellationToken cancellationToken) =>
            {
                var check = await store.CheckReadinessAsync(cancellationToken).ConfigureAwait(false);
                var reason = check.Error ?? (check.Missing.Count > 0 ? "migrations not applied: " + string.Join(", ", check.Missing) : null);
                var body = new ReadyResponse(check.Ready ? "ready" : "not-ready", store.Backend, check.Applied, check.Applied + check.Missing.Count, reason);
                return check.Ready ? TypedResults.Ok(body) : TypedResults.Json(body, Realign.Core.Contract.RealignJsonContext.Default.ReadyResponse, statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .WithName("Ready").Produces<ReadyResponse>().Produces<ReadyResponse>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Readiness: 200 when the database answers and every migration of this build is applied, else 503 with the reason.");
        endpoints.MapSyncApi();
        endpoints.MapAdminApi();
        return endpoints;
    }
}
