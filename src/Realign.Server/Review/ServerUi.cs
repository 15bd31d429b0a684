using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.Server.Internal;
using Realign.Storage;
using Realign.Web.Hosting;
using Realign.Web.Review;

namespace Realign.Server.Review;

/// <summary>The review UI on the server: sign in with a user device token of a tenant (a cookie session), then the pages of
/// <c>Realign.Web</c> over that tenant only (<see cref="ServerReviewSource"/>). Every refusal of a signed-in user is a
/// <c>security_events</c> row of their tenant; a failed sign-in, which has no tenant, goes to the server log.</summary>
internal static class ServerUi
{
    public const string SignInPath = "/signin";
    private const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    /// <summary>The claim holding the token's hash (never the token: the cookie is no credential of the sync API).</summary>
    private const string TokenHashClaim = "realign:token-hash";
    private const string PrincipalItem = "realign.ui.principal";
    private const string ChannelsItem = "realign.ui.channels";

    public static IServiceCollection AddServerUi(this IServiceCollection services, IReplicaStore store)
    {
        services.AddHttpContextAccessor();
        services.AddDataProtection().SetApplicationName("realign-server");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new StoreKeyRepository(store)));
        services.AddReviewUi(o =>
        {
            o.SignInAction = "ui/signin";
            o.SignOutAction = "ui/signout";
            o.OnRefused = (context, kind, detail) => RecordAsync(context, PrincipalOf(context), "refused-ui:" + kind, detail);
        });
        services.AddAuthentication(Scheme).AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "realign_session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = SignInPath;
            o.AccessDeniedPath = SignInPath;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ValidateAsync;
            o.Events.OnRedirectToLogin = context =>
            {
                // A page gets the sign-in form; a form post or the inbox poll without a session gets a plain 401.
                if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/ui"))
                {
                    context.Response.Redirect(context.RedirectUri);
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }

                return Task.CompletedTask;
            };
        });
        services.AddAuthorization();
        services.AddScoped<IReviewSource>(provider =>
        {
            var context = provider.GetRequiredService<IHttpContextAccessor>().HttpContext;
            var principal = context is null ? null : PrincipalOf(context);
            return principal is null
                ? throw new InvalidOperationException("the review UI was reached without a signed-in principal")
                : new ServerReviewSource(store, principal, provider.GetRequiredService<RealignServerOptions>().Clock,
                    context!.Items[ChannelsItem] as ChannelPolicy ?? ChannelPolicy.Default, provider.GetRequiredService<Confirm.ConfirmationService>(),
                    provider.GetRequiredService<Search.TenantVectors>());
        });
        return services;
    }

    public static WebApplication MapServerUi(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapReviewUi(endpoints => endpoints.RequireAuthorization());
        var session = app.MapGroup("/ui").DisableAntiforgery().WithMetadata(ReviewUiEndpoint.Instance).ExcludeFromDescription();
        session.MapPost("/signin", SignInAsync).AllowAnonymous();
        session.MapPost("/signout", (Delegate)SignOutAsync).AllowAnonymous();
        return app;
    }

    /// <summary>The principal of the signed-in session on this request, or null.</summary>
    public static PrincipalInfo? PrincipalOf(HttpContext context) => context.Items[PrincipalItem] as PrincipalInfo;

    private static async Task<IResult> SignInAsync(HttpContext context, IReplicaStore store)
    {
        if (await ReviewUi.CheckAntiforgeryAsync(context) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var token = form["token"].ToString().Trim();
        var back = LocalPath(form["return_url"].ToString());
        var principal = token.Length is > 0 and <= 200 ? await store.AuthenticateAsync(token, context.RequestAborted) : null;
        if (principal is null)
        {
            LogRefused(context, token.Length == 0 ? "no token given" : "not a live token of this server");
            return Again(context, "That is not a live device token of this server.", back);
        }

        if (principal.Kind != PrincipalKind.UserDevice)
        {
            await RecordAsync(context, principal, "refused-ui:signin", "only a person's device token signs in to the review UI, not this principal's");
            return Again(context, "Only a person's device token signs in here; this token belongs to an automation or an assistant.", back);
        }

        var identity = new ClaimsIdentity(
            [new Claim(TokenHashClaim, Tokens.Hash(token)), new Claim(ClaimTypes.NameIdentifier, principal.PrincipalId), new Claim("realign:tenant", principal.TenantId)],
            Scheme);
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        return Redirect(context, back ?? "/");
    }

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        if (await ReviewUi.CheckAntiforgeryAsync(context) is { } refused)
        {
            return refused;
        }

        await context.SignOutAsync(Scheme);
        return Redirect(context, SignInPath);
    }

    /// <summary>Every request of a session checks its token again, so a revoked token ends its sessions at once.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var store = context.HttpContext.RequestServices.GetRequiredService<IReplicaStore>();
        var hash = context.Principal?.FindFirst(TokenHashClaim)?.Value;
        var principal = hash is null ? null : await store.FindPrincipalByTokenHashAsync(hash, context.HttpContext.RequestAborted);
        if (principal is { Revoked: true })
        {
            await RecordAsync(context.HttpContext, principal, "refused-token:revoked", "a review UI session of a revoked token");
        }

        if (principal is null or { Revoked: true } || principal.Kind != PrincipalKind.UserDevice)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }

        context.HttpContext.Items[PrincipalItem] = principal;
        var tenant = await store.FindTenantAsync(principal.TenantId, context.HttpContext.RequestAborted);
        context.HttpContext.Items[ChannelsItem] = tenant?.Channels() ?? ChannelPolicy.Default;
    }

    private static Task RecordAsync(HttpContext context, PrincipalInfo? principal, string kind, string detail)
    {
        if (principal is null)
        {
            LogRefused(context, kind + ": " + detail);
            return Task.CompletedTask;
        }

        var store = context.RequestServices.GetRequiredService<IReplicaStore>();
        var clock = context.RequestServices.GetRequiredService<RealignServerOptions>().Clock;
        var json = new JsonObject { ["method"] = context.Request.Method, ["path"] = context.Request.Path.Value, ["detail"] = detail }.ToJsonString();
        // Not the request's token: a client that hangs up does not take its audit row with it.
        return store.RecordEventAsync(EventLog.Security, principal.TenantId, new EventEntry(0, UtcMicros.From(clock.GetUtcNow()), kind, principal.PrincipalId, null, null, null, json), CancellationToken.None);
    }

    private static void LogRefused(HttpContext context, string reason)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Realign.Security");
        ServerLog.RefusedCredentials(logger, context.Request.Method, context.Request.Path.Value ?? "/", context.Connection.RemoteIpAddress?.ToString() ?? "unknown", reason);
    }

    private static IResult Again(HttpContext context, string error, string? back) =>
        Redirect(context, SignInPath + "?error=" + Uri.EscapeDataString(error) + (back is null ? "" : "&ReturnUrl=" + Uri.EscapeDataString(back)));

    private static IResult Redirect(HttpContext context, string path)
    {
        context.Response.Headers.Location = context.Request.PathBase + path;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>A return address on this server only: a path of printable ASCII (browsers drop tabs and line breaks, so
    /// "/\t/evil" would become "//evil"), never "//" or "/\\" (another origin), at most 2 KiB.</summary>
    private static string? LocalPath(string url) =>
        url.Length is > 0 and <= 2048 && url[0] == '/' && url.All(c => c is >= '!' and <= '~')
            && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : null;
}
