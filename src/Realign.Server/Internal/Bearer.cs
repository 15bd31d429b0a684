using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Realign.Server.Api;
using Realign.Storage;

namespace Realign.Server.Internal;

/// <summary>Bearer authentication: the token's principal decides the tenant of every request.</summary>
internal static class Bearer
{
    private const string PrincipalKey = "realign.principal";

    public static string? TokenOf(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }

    public static PrincipalInfo PrincipalOf(HttpContext context) =>
        context.Items[PrincipalKey] as PrincipalInfo ?? throw new InvalidOperationException("no authenticated principal on this request");

    /// <summary>An endpoint filter: 401 unless the request carries a live token.</summary>
    public static async ValueTask<object?> RequireToken(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var store = (IReplicaStore)context.RequestServices.GetService(typeof(IReplicaStore))!;
        var principal = TokenOf(context) is { } token ? await store.FindPrincipalAsync(token, context.RequestAborted).ConfigureAwait(false) : null;
        if (principal is { Revoked: true } revoked)
        {
            await LogRevokedAsync(context, store, revoked).ConfigureAwait(false);
            principal = null;
        }

        if (principal is null)
        {
            LogRefused(context, TokenOf(context) is null ? "no bearer token" : "not a live token of this server");
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return new Problem(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, "send Authorization: Bearer <token> with a live token of this server");
        }

        context.Items[PrincipalKey] = principal;
        return await next(invocation).ConfigureAwait(false);
    }

    /// <summary>Every refused credential goes to the server log (category <c>Realign.Security</c>), with where it came from:
    /// a request without a live token has no tenant, so it cannot go to a tenant's security log. The token is never logged.</summary>
    private static void LogRefused(HttpContext context, string reason)
    {
        (context.RequestServices.GetService(typeof(Telemetry.ServerMetrics)) as Telemetry.ServerMetrics)?.Refused(ProblemCodes.Unauthorized);
        if (context.RequestServices.GetService(typeof(ILoggerFactory)) is ILoggerFactory factory)
        {
            var remote = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            ServerLog.RefusedCredentials(factory.CreateLogger("Realign.Security"), context.Request.Method, context.Request.Path.Value ?? "/", remote, reason);
        }
    }

    /// <summary>A revoked token is still someone's: its use is an authority refusal in that tenant's security log.</summary>
    private static async Task LogRevokedAsync(HttpContext context, IReplicaStore store, PrincipalInfo revoked)
    {
        var clock = (context.RequestServices.GetService(typeof(RealignServerOptions)) as RealignServerOptions)?.Clock ?? TimeProvider.System;
        var detail = new System.Text.Json.Nodes.JsonObject { ["method"] = context.Request.Method, ["path"] = context.Request.Path.Value }.ToJsonString();
        var entry = new EventEntry(0, Core.Truth.UtcMicros.From(clock.GetUtcNow()), "refused-token:revoked", revoked.PrincipalId, null, null, null, detail);
        await store.RecordEventAsync(EventLog.Security, revoked.TenantId, entry, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>An endpoint filter: 401 unless the request carries the admin token.</summary>
    public static async ValueTask<object?> RequireAdmin(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var store = (IReplicaStore)context.RequestServices.GetService(typeof(IReplicaStore))!;
        if (TokenOf(context) is not { } token || !await store.IsAdminTokenAsync(token, context.RequestAborted).ConfigureAwait(false))
        {
            LogRefused(context, TokenOf(context) is null ? "no bearer token" : "not the admin token");
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return new Problem(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, "the admin API needs the server's admin token");
        }

        return await next(invocation).ConfigureAwait(false);
    }
}
