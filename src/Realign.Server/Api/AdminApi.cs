using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Server.Internal;
using Realign.Storage;

namespace Realign.Server.Api;

/// <summary>Tenant, token and tenant policy administration; every endpoint requires the server's admin token.</summary>
public static class AdminApi
{
    /// <summary>Maps the admin endpoints under <c>/admin</c>.</summary>
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin").AddEndpointFilter(Bearer.RequireAdmin).WithTags("admin");
        admin.MapGet("/tenants", ListTenantsAsync).WithName("ListTenants").WithSummary("Every tenant.");
        admin.MapPost("/tenants", CreateTenantAsync).WithName("CreateTenant").WithSummary("Creates a tenant: name and vault_mode (local_first or cloud_first).");
        admin.MapPost("/tokens", CreateTokenAsync).WithName("CreateToken").WithSummary("Creates a token for a tenant; the plain token is in this response only.");
        admin.MapGet("/tenants/{tenant}/tokens", ListTokensAsync).WithName("ListTokens").WithSummary("The principals of a tenant (no tokens).");
        admin.MapDelete("/tenants/{tenant}/tokens/{principalId}", RevokeAsync).WithName("RevokeToken").WithSummary("Revokes a principal's token.");
        admin.MapPost("/tenants/{tenant}/purge-tombstones", PurgeAsync).WithName("PurgeTombstones")
            .WithSummary("Removes tombstones at or below up_to (a cursor) and raises the purge horizon; older cursors then get 410 resync-required.");
        admin.MapGet("/tenants/{tenant}/exposure", ExposureAsync).WithName("AdminExposure")
            .WithSummary("A tenant's exposure policy: what AI on each level may read; the defaults of its vault mode until set.");
        admin.MapPut("/tenants/{tenant}/exposure", SetExposureAsync).WithName("AdminSetExposure").Accepts<ExposurePolicyDto>("application/json")
            .WithSummary("Changes a tenant's exposure policy as the operator (levels left out keep theirs); the change is in the tenant's security log.");
        admin.MapGet("/tenants/{tenant}/channels", AdminChannelsAsync).WithName("AdminChannels")
            .WithSummary("A tenant's channel policy; the defaults until set.");
        admin.MapPut("/tenants/{tenant}/channels", AdminSetChannelsAsync).WithName("AdminSetChannels").Accepts<ChannelPolicyDto>("application/json")
            .WithSummary("Changes a tenant's channel policy as the operator (channels and fields left out keep theirs); the change is in the tenant's security log.");
        admin.MapMethods("/tenants/{tenant}/tokens/{principalId}", ["PATCH"], RenameAsync).WithName("RenameToken").Accepts<RenameRequest>("application/json")
            .WithSummary("Renames a principal (its label).");
        admin.MapDelete("/tenants/{tenant}/confirm", ResetConfirmAsync).WithName("ResetConfirm")
            .WithSummary("Removes the tenant user's authenticator and PIN and clears a lockout: the way back for a user who lost both; in the security log.");
        return endpoints;
    }

    private static async Task<Ok<List<TenantDto>>> ListTenantsAsync(IReplicaStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListTenantsAsync(ct).ConfigureAwait(false)).Select(ToDto).ToList());

    private static async Task<Results<Created<TenantDto>, Problem>> CreateTenantAsync(HttpContext context, IReplicaStore store)
    {
        CreateTenantRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, RealignJsonContext.Default.CreateTenantRequest, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Problem.BadRequest(RefusalCodes.InvalidJson, JsonErrors.Describe(ex));
        }

        if (request?.Name is not { Length: > 0 and <= 100 } name || !VaultModes.TryParse(request.VaultMode ?? "local_first", out var mode))
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, "name (1-100 characters) is required; vault_mode is local_first or cloud_first");
        }

        try
        {
            var tenant = await store.CreateTenantAsync(name, mode, null, context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Created($"/admin/tenants/{tenant.Id}", ToDto(tenant));
        }
        catch (ReplicaStoreException ex)
        {
            return new Problem(StatusCodes.Status409Conflict, ex.Code, ex.Message);
        }
    }

    private static async Task<Results<Created<TokenDto>, Problem>> CreateTokenAsync(HttpContext context, IReplicaStore store)
    {
        CreateTokenRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, RealignJsonContext.Default.CreateTokenRequest, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Problem.BadRequest(RefusalCodes.InvalidJson, JsonErrors.Describe(ex));
        }

        if (request?.Tenant is not { } tenantName || !PrincipalKinds.TryParseAs(request.As, out var kind, out var channel))
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, "tenant is required; as is " + PrincipalKinds.AsForms);
        }

        var tenant = await store.FindTenantAsync(tenantName, context.RequestAborted).ConfigureAwait(false);
        if (tenant is null)
        {
            return new Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, $"no tenant '{tenantName}'");
        }

        try
        {
            var issued = await store.CreateTokenAsync(new TokenRequest(tenant.Id, kind, channel, request.CanAccept, request.Label), context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Created($"/admin/tenants/{tenant.Id}/tokens/{issued.Principal.PrincipalId}", ToDto(issued.Principal, issued.Token));
        }
        catch (ReplicaStoreException ex)
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, ex.Message);
        }
    }

    private static async Task<Results<Ok<List<TokenDto>>, Problem>> ListTokensAsync(IReplicaStore store, string tenant, CancellationToken ct)
    {
        if (await store.FindTenantAsync(tenant, ct).ConfigureAwait(false) is not { } found)
        {
            return new Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, $"no tenant '{tenant}'");
        }

        return TypedResults.Ok((await store.ListPrincipalsAsync(found.Id, ct).ConfigureAwait(false)).Select(p => ToDto(p, null)).ToList());
    }

    private static async Task<Results<NoContent, Problem>> RevokeAsync(IReplicaStore store, string tenant, string principalId, CancellationToken ct)
    {
        var found = await store.FindTenantAsync(tenant, ct).ConfigureAwait(false);
        return found is not null && await store.RevokeTokenAsync(found.Id, principalId, ct).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : new Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, $"no principal '{principalId}' in tenant '{tenant}'");
    }

    private static async Task<Results<Ok<TenantDto>, Problem>> PurgeAsync(IReplicaStore store, string tenant, long up_to, CancellationToken ct)
    {
        if (await store.FindTenantAsync(tenant, ct).ConfigureAwait(false) is not { } found)
        {
            return new Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, $"no tenant '{tenant}'");
        }

        if (up_to < 0 || up_to > found.Seq)
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, $"up_to must be a cursor from 0 to {found.Seq}");
        }

        await store.PurgeTombstonesAsync(found.Id, up_to, ct).ConfigureAwait(false);
        return TypedResults.Ok(ToDto((await store.FindTenantAsync(found.Id, ct).ConfigureAwait(false))!));
    }

    private static async Task<Results<Ok<ExposurePolicyDto>, Problem>> ExposureAsync(IReplicaStore store, string tenant, CancellationToken ct)
    {
        if (await store.FindTenantAsync(tenant, ct).ConfigureAwait(false) is not { } found)
        {
            return new Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, $"no tenant '{tenant}'");
        }

        return TypedResults.Ok((await store.GetExposureAsync(found.Id, ct).ConfigureAwait(false)).ToDto());
    }

    private static async Task<Results<Ok<ExposurePolicyDto>, Problem>> SetExposureAsync(HttpContext context, IReplicaStore store, RealignServerOptions options, string tenant)
    {
        if (await store.FindTenantAsync(tenant, context.RequestAborted).ConfigureAwait(false) is not { } found)
        {
            return new Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, $"no tenant '{tenant}'");
        }

        var (change, problem) = await ExposureBody.ReadAsync(context).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var command = new ExposureCommand(found.Id, change!, null, ExposureBody.AdminActor, Core.Truth.UtcMicros.From(options.Clock.GetUtcNow()));
        return TypedResults.Ok((await store.SetExposureAsync(command, context.RequestAborted).ConfigureAwait(false)).ToDto());
    }

    private static async Task<Results<Ok<ChannelPolicyDto>, Problem>> AdminChannelsAsync(IReplicaStore store, string tenant, CancellationToken ct)
    {
        if (await store.FindTenantAsync(tenant, ct).ConfigureAwait(false) is not { } found)
        {
            return new Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, $"no tenant '{tenant}'");
        }

        var channels = await store.GetChannelPolicyAsync(found.Id, ct).ConfigureAwait(false);
        return TypedResults.Ok(channels.Policy.ToDto(channels.UpdatedAt));
    }

    private static async Task<Results<Ok<ChannelPolicyDto>, Problem>> AdminSetChannelsAsync(HttpContext context, IReplicaStore store, RealignServerOptions options, string tenant)
    {
        if (await store.FindTenantAsync(tenant, context.RequestAborted).ConfigureAwait(false) is not { } found)
        {
            return new Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, $"no tenant '{tenant}'");
        }

        var (body, problem) = await JsonBody.ReadAsync(context, RealignJsonContext.Default.ChannelPolicyDto, ChannelBody.Expected).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var command = new ChannelPolicyCommand(found.Id, current => ChannelBody.Apply(current, body!), null, ExposureBody.AdminActor, Core.Truth.UtcMicros.From(options.Clock.GetUtcNow()));
        return await ChannelBody.StoreAsync(store, command, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<TokenDto>, Problem>> RenameAsync(HttpContext context, IReplicaStore store, string tenant, string principalId)
    {
        if (await store.FindTenantAsync(tenant, context.RequestAborted).ConfigureAwait(false) is not { } found)
        {
            return new Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, $"no tenant '{tenant}'");
        }

        var (renamed, problem) = await DeviceRename.ApplyAsync(context, store, found.Id, principalId).ConfigureAwait(false);
        return problem is not null ? problem : TypedResults.Ok(ToDto(renamed!, null));
    }

    private static async Task<Results<NoContent, Problem>> ResetConfirmAsync(IReplicaStore store, RealignServerOptions options, string tenant, CancellationToken ct)
    {
        if (await store.FindTenantAsync(tenant, ct).ConfigureAwait(false) is not { } found)
        {
            return new Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, $"no tenant '{tenant}'");
        }

        var removed = await store.ResetConfirmationsAsync(found.Id, ct).ConfigureAwait(false);
        var detail = new System.Text.Json.Nodes.JsonObject { ["by"] = ExposureBody.AdminActor, ["factors_removed"] = removed }.ToJsonString();
        await store.RecordEventAsync(EventLog.Security, found.Id, new EventEntry(0, Core.Truth.UtcMicros.From(options.Clock.GetUtcNow()), "confirmations-reset", null, null, null, null, detail), ct).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static TenantDto ToDto(TenantInfo t) => new(t.Id, t.Name, t.Mode, t.Seq, t.PurgedSeq);

    private static TokenDto ToDto(PrincipalInfo p, string? token) =>
        new(p.TenantId, p.PrincipalId, p.Kind.ToWire(), p.Channel, p.CanAccept, p.Revoked, p.Label, token, Core.Truth.UtcMicros.Format(p.CreatedAt), p.LastSyncAt is { } at ? Core.Truth.UtcMicros.Format(at) : null);
}
