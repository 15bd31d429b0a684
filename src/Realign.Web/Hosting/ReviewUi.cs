using System.Reflection;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Realign.Web.Components;
using Realign.Web.Review;

namespace Realign.Web.Hosting;

/// <summary>Hosts the review UI in an ASP.NET Core app: the pages (Razor components rendered on the server, no
/// interactive modes), their stylesheet and script, and the actions, each a POST whose antiforgery token is checked here
/// (a handler that binds no form is not checked by the framework on its own).</summary>
/// <remarks>The host registers an <see cref="IReviewSource"/> (scoped) and decides who may reach the UI at all.</remarks>
public static class ReviewUi
{
    /// <summary>The Content-Security-Policy of every UI response: nothing inline, nothing from elsewhere.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

    /// <summary>Adds the services of the UI.</summary>
    public static IServiceCollection AddReviewUi(this IServiceCollection services, Action<ReviewUiOptions>? configure = null)
    {
        var options = new ReviewUiOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddRazorComponents();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "realign_af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
        return services;
    }

    /// <summary>Maps the pages, assets and actions; call after the host's own access checks.</summary>
    /// <param name="app">The app.</param>
    /// <param name="protect">Applied to every page, poll and action (not to the stylesheet and script), for example the
    /// host's authorization policy.</param>
    public static void MapReviewUi(this WebApplication app, Action<IEndpointConventionBuilder>? protect = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<ReviewUiEndpoint>() is not null)
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                // As antiforgery sets it on every page with a form (set first here, it does not warn that it changed it).
                headers.CacheControl = "no-cache, no-store";
                headers.Pragma = "no-cache";
            }

            await next(context);
        });
        app.UseAntiforgery();
        var assets = app.MapGroup("/ui").WithMetadata(ReviewUiEndpoint.Instance).ExcludeFromDescription();
        assets.MapGet("/app.css", (HttpContext c) => Asset(c, "app.css", "text/css; charset=utf-8"));
        assets.MapGet("/app.js", (HttpContext c) => Asset(c, "app.js", "text/javascript; charset=utf-8"));
        // Blazor's script, for enhanced navigation (links fetch the next page and patch this one); pages work without it.
        app.MapGet("/_framework/blazor.web.js", (HttpContext c) => Asset(c, "blazor.web.js", "text/javascript; charset=utf-8")).WithMetadata(ReviewUiEndpoint.Instance).ExcludeFromDescription();
        var poll = app.MapGet("/ui/inbox-version", async (IReviewSource s, HttpContext c) => Results.Text(InboxVersion(await s.InboxAsync(c.RequestAborted)), "text/plain; charset=utf-8"))
            .WithMetadata(ReviewUiEndpoint.Instance).ExcludeFromDescription();
        protect?.Invoke(poll);
        var actions = app.MapGroup("/actions").DisableAntiforgery().WithMetadata(ReviewUiEndpoint.Instance).ExcludeFromDescription();
        protect?.Invoke(actions);
        actions.MapPost("/accept", (HttpContext c, IReviewSource s) => Act(c, "accepted", async form =>
        {
            var id = Required(form, "proposal_id");
            var edited = form["edited"].ToString();
            string? editedJson = null;
            if (edited.Length > 0)
            {
                var proposal = (await s.InboxAsync(c.RequestAborted)).Suggestions.FirstOrDefault(p => p.Id == id);
                editedJson = proposal?.ProposedJson is { } proposed && !proposed.StartsWith('"') ? Values.FromInput(edited) : System.Text.Json.JsonSerializer.Serialize(edited, WebJsonContext.Default.String);
            }

            await s.AcceptAsync(id, editedJson, c.RequestAborted);
        }));
        actions.MapPost("/reject", (HttpContext c, IReviewSource s) => Act(c, "rejected", form => s.RejectAsync(Required(form, "proposal_id"), c.RequestAborted)));
        actions.MapPost("/promote", (HttpContext c, IReviewSource s) => Act(c, "promoted", form =>
        {
            var edits = form.Keys.Where(k => k.StartsWith("f.", StringComparison.Ordinal)).Select(k => new KeyValuePair<string, string>(k[2..], Values.FromInput(form[k].ToString()))).ToList();
            return s.PromoteAsync(Required(form, "entity_type"), Required(form, "entity_id"), edits, c.RequestAborted);
        }));
        actions.MapPost("/undo", (HttpContext c, IReviewSource s) => Act(c, "undone", form => s.UndoAsync(Required(form, "entity_type"), Required(form, "entity_id"), Required(form, "field"), c.RequestAborted)));
        actions.MapPost("/resolve", (HttpContext c, IReviewSource s) => Act(c, "resolved", form =>
        {
            var keep = form["keep"].ToString();
            if (keep.Length > 0 && keep is not ("winner" or "loser"))
            {
                throw new ReviewRefusedException("keep must be winner or loser, or write a merged value");
            }

            return s.ResolveAsync(Required(form, "conflict_id"), keep.Length > 0 ? keep : null, keep.Length == 0 ? form["merged"].ToString() : null, c.RequestAborted);
        }));
        actions.MapPost("/discard", (HttpContext c, IReviewSource s) => Act(c, "discarded", form => s.DiscardAsync(Required(form, "entity_type"), Required(form, "entity_id"), c.RequestAborted)));
        actions.MapPost("/security/totp-start", (HttpContext c, IReviewSource s) => Act(c, "scan the QR code, then enter the code your app shows", _ => Security(s).StartTotpAsync(c.RequestAborted), "/security"));
        actions.MapPost("/security/totp-activate", (HttpContext c, IReviewSource s) => Act(c, "authenticator enrolled", form => Security(s).ActivateTotpAsync(Required(form, "code"), c.RequestAborted), "/security"));
        actions.MapPost("/security/pin", (HttpContext c, IReviewSource s) => Act(c, "PIN set", form => Security(s).SetPinAsync(Required(form, "new_pin"), c.RequestAborted), "/security"));
        actions.MapPost("/security/remove", (HttpContext c, IReviewSource s) => Act(c, "removed", form => Security(s).RemoveConfirmationAsync(Required(form, "factor"), c.RequestAborted), "/security"));
        actions.MapPost("/security/rename", (HttpContext c, IReviewSource s) => Act(c, "renamed", form => Security(s).RenameDeviceAsync(Required(form, "principal_id"), Required(form, "label"), c.RequestAborted), "/security"));
        actions.MapPost("/security/revoke", (HttpContext c, IReviewSource s) => Act(c, "revoked", form => Security(s).RevokeDeviceAsync(Required(form, "principal_id"), c.RequestAborted), "/security"));
        actions.MapPost("/security/channel", (HttpContext c, IReviewSource s) => Act(c, "channel policy saved", form =>
            Security(s).SetChannelAsync(Required(form, "channel"), form["levels"].ToString(), form["confirm_levels"].ToString(), Required(form, "accept"), c.RequestAborted), "/security"));
        actions.MapPost("/batch", (HttpContext c, IReviewSource s) => Act(c, "done", async form =>
        {
            var reject = form["action"].ToString() == "reject";
            foreach (var id in form["id"].Where(v => !string.IsNullOrEmpty(v)))
            {
                await (reject ? s.RejectAsync(id!, c.RequestAborted) : s.AcceptAsync(id!, null, c.RequestAborted));
            }
        }));
        var pages = app.MapRazorComponents<App>().WithMetadata(ReviewUiEndpoint.Instance);
        protect?.Invoke(pages);
    }

    /// <summary>Checks the request's antiforgery token (the cookie and the form field); on failure tells the host
    /// (<see cref="ReviewUiOptions.OnRefused"/>) and returns the 400 to answer with.</summary>
    public static async Task<IResult?> CheckAntiforgeryAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            await RefusedAsync(context, "antiforgery", "the form had no valid antiforgery token");
            return Results.Text("This form has expired or did not come from this page; reload the page and try again.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>Tells the host about a refusal (it logs it where it keeps refusals).</summary>
    public static Task RefusedAsync(HttpContext context, string kind, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetService<ReviewUiOptions>()?.OnRefused is { } hook ? hook(context, kind, detail) : Task.CompletedTask;
    }

    /// <summary>A short fingerprint of what the inbox holds: it changes when a suggestion arrives or goes.</summary>
    public static string InboxVersion(ReviewInbox inbox)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        var text = string.Join('\n', inbox.Suggestions.Select(s => s.Id).Concat(inbox.SuggestedEntities.Select(e => $"{e.EntityType}/{e.EntityId}@{e.AtMicros}")).Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
    }

    private static async Task<IResult> Act(HttpContext context, string done, Func<IFormCollection, Task> action, string page = "/")
    {
        if (await CheckAntiforgeryAsync(context) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);

        // A decision the channel policy confirms carries the code or PIN in its form; the source checks it once for this action.
        if (context.RequestServices.GetService(typeof(IReviewSource)) is IConfirmingReviewSource confirming)
        {
            confirming.UseConfirmation(form["totp"].ToString().Trim() is { Length: > 0 } totp ? totp : null, form["pin"].ToString() is { Length: > 0 } pin ? pin : null);
        }

        string target;
        try
        {
            await action(form);
            target = page + "?done=" + Uri.EscapeDataString(done);
        }
        catch (ReviewRefusedException ex) when (ex.StatusCode is StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound)
        {
            await RefusedAsync(context, ex.StatusCode == StatusCodes.Status403Forbidden ? "forbidden" : "not-found", $"{context.Request.Path}: {ex.Message}");
            return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: ex.StatusCode);
        }
        catch (ReviewRefusedException ex)
        {
            target = page + "?error=" + Uri.EscapeDataString(ex.Message);
        }

        // 303: the browser follows with a GET, so a reload never posts the decision again.
        context.Response.Headers.Location = context.Request.PathBase + target;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static ISecuritySource Security(IReviewSource source) =>
        source as ISecuritySource ?? throw new ReviewRefusedException("this review UI has no Security page", 404);

    private static string Required(IFormCollection form, string name) =>
        form[name].ToString() is { Length: > 0 } value ? value : throw new ReviewRefusedException($"the form has no {name}");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (byte[] Bytes, string ETag)> Assets = new(StringComparer.Ordinal);

    /// <summary>An embedded asset, read once; the browser keeps it and asks again with its ETag (a 304 when unchanged), so
    /// a new version of the program is seen on the next load.</summary>
    private static IResult Asset(HttpContext context, string name, string contentType)
    {
        var (bytes, etag) = Assets.GetOrAdd(name, static n =>
        {
            var assembly = typeof(ReviewUi).Assembly;
            var resource = assembly.GetManifestResourceNames().Single(r => r.EndsWith("." + n, StringComparison.Ordinal));
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            return (content, "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content).AsSpan(0, 12)) + "\"");
        });
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers.Remove("Pragma");
            return Task.CompletedTask;
        });
        context.Response.Headers.ETag = etag;
        return context.Request.Headers.IfNoneMatch.ToString() == etag
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(bytes, contentType);
    }
}
