using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Realign.Core.Contract;
using Realign.Vault.Sync;

namespace Realign.Vault.Tests;

public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, InMemoryServer model, Uri address)
    {
        _app = app;
        Model = model;
        Address = address;
    }

    public InMemoryServer Model { get; }

    public Uri Address { get; }

    public int TransientFailuresLeft { get; set; }

    public int Requests { get; private set; }

    public static async Task<LoopbackServer> StartAsync(InMemoryServer model)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        LoopbackServer? self = null;
        app.Use(async (ctx, next) =>
        {
            self!.Requests++;
            if (self.TransientFailuresLeft > 0)
            {
                self.TransientFailuresLeft--;
                ctx.Response.StatusCode = self.TransientFailuresLeft % 2 == 0 ? 503 : 429;
                ctx.Response.Headers.RetryAfter = "0";
                return;
            }

            var auth = ctx.Request.Headers.Authorization.ToString();
            ctx.Items["token"] = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : "";
            try
            {
                model.Scope((string)ctx.Items["token"]!);
            }
            catch (SyncTransportException)
            {
                await Problem(ctx, 401, "unauthorized", "missing or unknown token", null);
                return;
            }

            await next(ctx);
        });
        app.MapGet("/auth/me", async ctx =>
        {
            var scope = model.Scope(Token(ctx));
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync($$"""{"tenant_id":"{{scope.TenantId}}","tenant_name":"Test","vault_mode":"{{model.VaultMode}}","principal_id":"{{scope.PrincipalId}}","kind":"user_device","channel":"{{scope.UserChannel}}","can_accept":true,"levels":[1,2,3],"origin_prefixes":["user:{{scope.UserChannel}}"]}""");
        });
        app.MapPost("/sync/push", async ctx =>
        {
            var request = await JsonSerializer.DeserializeAsync(ctx.Request.Body, RealignJsonContext.Default.PushRequest);
            var result = model.Push(Token(ctx), request!);
            if (result.Response is { } response)
            {
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync(JsonSerializer.Serialize(response, RealignJsonContext.Default.PushResponse));
                return;
            }

            await Problem(ctx, result.Status, result.Code!, result.Detail!, result.Errors);
        });
        app.MapGet("/sync/pull", async ctx =>
        {
            var since = long.Parse(ctx.Request.Query["since"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
            var limit = int.Parse(ctx.Request.Query["limit"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                var page = model.Pull(Token(ctx), since, limit);
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync(JsonSerializer.Serialize(page, RealignJsonContext.Default.PullResponse));
            }
            catch (ResyncRequiredException)
            {
                await Problem(ctx, 410, "resync-required", "cursor older than the purge horizon", null);
            }
        });
        app.MapGet("/sync/conflicts", async ctx =>
        {
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(JsonSerializer.Serialize(model.Conflicts(ctx.Request.Query["status"].ToString()).ToList(), RealignJsonContext.Default.ListConflictDto));
        });
        app.MapPost("/sync/conflict-resolve", async ctx =>
        {
            var request = await JsonSerializer.DeserializeAsync(ctx.Request.Body, RealignJsonContext.Default.ResolveRequest);
            var r = model.Resolve(Token(ctx), request!);
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync($$"""{"outcome":"{{r.Outcome}}","version":{{r.Version}},"entity_type":"{{r.EntityType}}","entity_id":"{{r.EntityId}}"}""");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new LoopbackServer(app, model, new Uri(address));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Token(HttpContext ctx) => (string)ctx.Items["token"]!;

    private static async Task Problem(HttpContext ctx, int status, string code, string detail, IReadOnlyList<ItemErrorDto>? errors)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/problem+json";
        var errorsJson = errors is null ? "[]" : JsonSerializer.Serialize(errors.ToList(), RealignJsonContext.Default.ListItemErrorDto);
        await ctx.Response.WriteAsync($$"""{"type":"/problems/{{code}}","title":"{{code}}","status":{{status}},"detail":{{JsonSerializer.Serialize(detail, RealignJsonContext.Default.String)}},"code":"{{code}}","errors":{{errorsJson}}}""");
    }
}
