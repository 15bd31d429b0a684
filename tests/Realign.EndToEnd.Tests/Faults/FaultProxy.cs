using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Realign.EndToEnd.Tests.Faults;

public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly string[] ForwardedRequestHeaders = ["Authorization", "Accept", "Idempotency-Key"];
    private static readonly string[] ForwardedResponseHeaders = ["Retry-After", "Location"];

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly FaultPlan _plan;

    private FaultProxy(WebApplication app, HttpClient upstream, FaultPlan plan)
    {
        _app = app;
        _upstream = upstream;
        _plan = plan;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentDictionary<FaultKind, int> Counts { get; } = new();

    public FaultPlan Plan => _plan;

    public static async Task<FaultProxy> StartAsync(Uri upstream, FaultPlan plan)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var client = new HttpClient { BaseAddress = upstream, Timeout = TimeSpan.FromSeconds(60) };
        var proxy = new FaultProxy(app, client, plan);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        proxy.BaseAddress = new Uri(address);
        return proxy;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var (kind, delayMs) = _plan.Next();
        Counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
        switch (kind)
        {
            case FaultKind.DropRequest:
                context.Abort();
                return;
            case FaultKind.Status500:
            case FaultKind.Status503:
            case FaultKind.Status429:
                context.Response.StatusCode = kind switch { FaultKind.Status500 => 500, FaultKind.Status503 => 503, _ => 429 };
                if (kind == FaultKind.Status429)
                {
                    context.Response.Headers.RetryAfter = "1";
                }

                return;
            case FaultKind.Delay:
                await Task.Delay(delayMs, context.RequestAborted);
                break;
            default:
                break;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
        foreach (var name in ForwardedRequestHeaders)
        {
            if (context.Request.Headers.TryGetValue(name, out var values))
            {
                request.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            request.Content = new ByteArrayContent(buffer.ToArray());
            if (context.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        using var response = await _upstream.SendAsync(request, context.RequestAborted);
        var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        if (kind == FaultKind.DropResponseAfterCommit)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var name in ForwardedResponseHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        if (response.Content.Headers.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType.ToString();
        }

        if (kind == FaultKind.ResetMidBody && body.Length > 1)
        {
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
            return;
        }

        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
