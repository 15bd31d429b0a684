using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Realign.Testing;

/// <summary>A real HTTP server on 127.0.0.1 that takes OTLP over HTTP (<c>POST /v1/traces</c>, <c>/v1/metrics</c>,
/// <c>/v1/logs</c>, protobuf bodies) in place of a collector, and keeps every body it was sent.</summary>
/// <remarks>Protobuf writes strings as their UTF-8 bytes, so a test finds a span's, a metric's or a log line's name (and
/// checks that a secret is absent) in the bodies without decoding them.</remarks>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, string ContentType, byte[] Body)> _received = new();

    private OtlpCollector(WebApplication app) => _app = app;

    /// <summary>The endpoint to give the exporter (the signal paths go under it).</summary>
    public Uri Endpoint => new(_app.Urls.First());

    /// <summary>Every request received: its path, content type and body.</summary>
    public IReadOnlyList<(string Path, string ContentType, byte[] Body)> Received => [.. _received];

    /// <summary>The bodies sent to one signal's path, e.g. <c>/v1/traces</c>, joined.</summary>
    public byte[] BodiesOf(string path) => [.. _received.Where(r => r.Path == path).SelectMany(r => r.Body)];

    /// <summary>Whether <paramref name="text"/> is in the bodies sent to <paramref name="path"/> (or to any path when null).</summary>
    public bool Holds(string text, string? path = null)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        return _received.Any(r => (path is null || r.Path == path) && r.Body.AsSpan().IndexOf(needle) >= 0);
    }

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        OtlpCollector? collector = null;
        app.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            collector!._received.Enqueue(("/v1/" + signal, context.Request.ContentType ?? "", body.ToArray()));

            // An empty ExportServiceResponse: success with nothing rejected.
            context.Response.ContentType = "application/x-protobuf";
            return Results.Bytes([], "application/x-protobuf");
        });
        collector = new OtlpCollector(app);
        await app.StartAsync();
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
