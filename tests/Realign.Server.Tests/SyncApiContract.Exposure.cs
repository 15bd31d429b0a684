using System.Text.Json;
using Realign.Core.Contract;

namespace Realign.Server.Tests;

public abstract partial class SyncApiContract
{
    private const string ExposurePath = "/sync/policy/exposure";

    private static Task<Reply> PutExposureAsync(HostedServer server, string token, string body, string path = ExposurePath) =>
        server.Api.SendAsync(HttpMethod.Put, path, token, body);

    private static string PolicyOf(JsonElement json) =>
        $"{json.GetProperty("local").GetString()}/{json.GetProperty("lan").GetString()}/{json.GetProperty("cloud").GetString()}";

    [BackendFact]
    public async Task GetExposure_NeverSet_DefaultsOfEachTenantsModeWithUpdatedAtNull()
    {
        if (await StartAsync() is not ({ } server, { } localFirst)) { return; }
        await using var _ = server;
        var cloudFirst = await ServerTenants.SecondAsync(server);

        var local = await server.Api.GetAsync(ExposurePath, localFirst.Owner);
        var cloud = await server.Api.GetAsync(ExposurePath, cloudFirst.Owner);

        Assert.Equal(200, local.Status);
        Assert.Equal("full/full/none", PolicyOf(local.Json));
        Assert.Equal(JsonValueKind.Null, local.Json.GetProperty("updated_at").ValueKind);
        Assert.Equal("full/full/redacted", PolicyOf(cloud.Json));
        Assert.Equal(JsonValueKind.Null, cloud.Json.GetProperty("updated_at").ValueKind);
    }

    [BackendTheory]
    [InlineData("owner")]
    [InlineData("mobile")]
    [InlineData("voice")]
    [InlineData("automation")]
    [InlineData("ai-local")]
    [InlineData("ai-lan")]
    [InlineData("ai-cloud")]
    public async Task GetExposure_AnyLiveTokenOfTheTenant_ReadsThePolicy(string name)
    {
        if (await StartAsync() is not ({ } server, _)) { return; }
        await using var _ = server;
        var tenant = await server.NewTenantAsync(VaultMode.CloudFirst);

        var reply = await server.Api.GetAsync(ExposurePath, tenant.Tokens[name]);

        Assert.Equal(200, reply.Status);
        Assert.Equal("full/full/redacted", PolicyOf(reply.Json));
    }

    [BackendFact]
    public async Task PutExposure_OwnerFullBody_StoredAndReadBackWithUpdatedAt()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;

        var put = await PutExposureAsync(server, tenant.Owner, """{"local":"full","lan":"redacted","cloud":"none"}""");
        var get = await server.Api.GetAsync(ExposurePath, tenant.Tokens["ai-cloud"]);

        Assert.Equal(200, put.Status);
        Assert.Equal("full/redacted/none", PolicyOf(put.Json));
        Assert.Equal(put.Body, get.Body);
        var at = DateTimeOffset.Parse(get.Json.GetProperty("updated_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(at, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [BackendFact]
    public async Task PutExposure_PartialBodies_MissingOrNullKeysKeepTheirValue()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;

        Assert.Equal("full/full/redacted", PolicyOf((await PutExposureAsync(server, tenant.Owner, """{"cloud":"redacted"}""")).Json));
        Assert.Equal("full/none/redacted", PolicyOf((await PutExposureAsync(server, tenant.Tokens["web"], """{"lan":"none","cloud":null}""")).Json));

        Assert.Equal("full/none/redacted", PolicyOf((await server.Api.GetAsync(ExposurePath, tenant.Owner)).Json));
    }

    [BackendFact]
    public async Task PutExposure_AChange_ExposureChangedRowInTheSecurityLogWithWhoOldAndNew()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        await PutExposureAsync(server, tenant.Owner, """{"lan":"redacted"}""");

        var events = (await server.Api.GetAsync("/security/events", tenant.Tokens["mobile"])).Json;

        var row = Assert.Single(events.EnumerateArray());
        Assert.Equal("exposure-changed", row.GetProperty("kind").GetString());
        Assert.Equal(tenant.PrincipalIds["owner"], row.GetProperty("principal_id").GetString());
        var detail = row.GetProperty("detail");
        Assert.Equal("user_device:desktop", detail.GetProperty("by").GetString());
        Assert.Equal("full/full/none", PolicyOf(detail.GetProperty("old")));
        Assert.Equal("full/redacted/none", PolicyOf(detail.GetProperty("new")));
        Assert.Equal("""["lan"]""", detail.GetProperty("changed").GetRawText());
    }

    [BackendTheory]
    [InlineData("mobile")]
    [InlineData("cli")]
    [InlineData("voice")]
    [InlineData("automation")]
    [InlineData("ai-local")]
    [InlineData("ai-lan")]
    [InlineData("ai-cloud")]
    public async Task PutExposure_NotTheOwner_Refused403ForbiddenLoggedAndNothingChanged(string name)
    {
        if (await StartAsync() is not ({ } server, _)) { return; }
        await using var _ = server;
        var tenant = await server.NewTenantAsync(VaultMode.LocalFirst);
        var before = await server.Api.GetAsync(ExposurePath, tenant.Owner);

        var reply = await PutExposureAsync(server, tenant.Tokens[name], """{"cloud":"full"}""");

        Assert.Equal(403, reply.Status);
        Assert.Equal("application/problem+json", reply.MediaType);
        Assert.Equal("forbidden", reply.Code);
        Assert.Equal(before.Body, (await server.Api.GetAsync(ExposurePath, tenant.Owner)).Body);
        var row = Assert.Single((await server.Api.GetAsync("/security/events", tenant.Owner)).Json.EnumerateArray());
        Assert.Equal("refused-exposure:forbidden", row.GetProperty("kind").GetString());
        Assert.Equal(tenant.PrincipalIds[name], row.GetProperty("principal_id").GetString());
        Assert.Equal(403, row.GetProperty("detail").GetProperty("status").GetInt32());
    }

    [BackendTheory]
    [InlineData("""{"lan":"open"}""", "invalid-request", "lan")]
    [InlineData("""{"local":"Full","cloud":"none"}""", "invalid-request", "local")]
    [InlineData("""{"cloud":"Vectors"}""", "invalid-request", "cloud")]
    [InlineData("""{"lan":"redacted","updated_at":"2026-01-01T00:00:00Z"}""", "invalid-request", "updated_at")]
    [InlineData("{}", "invalid-request", "$")]
    [InlineData("null", "invalid-request", null)]
    [InlineData("""{"lan":4}""", "invalid-json", null)]
    [InlineData("""{"lan":"none","ai":"none"}""", "invalid-json", null)]
    [InlineData("""{"lan":"none""", "invalid-json", null)]
    public async Task PutExposure_BadBody_400NamingTheFieldAndNothingChangedOrLogged(string body, string code, string? field)
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;

        var reply = await PutExposureAsync(server, tenant.Owner, body);

        Assert.Equal(400, reply.Status);
        Assert.Equal(code, reply.Code);
        if (field is not null)
        {
            var error = Assert.Single(reply.Json.GetProperty("errors").EnumerateArray());
            Assert.Equal(field, error.GetProperty("field").GetString());
            Assert.StartsWith("the exposure policy was not changed: ", reply.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
            var why = field switch { "local" or "lan" or "cloud" => "expected 'full', 'redacted', 'vectors' or 'none'", "$" => "names no level", _ => "set by the server" };
            Assert.Contains(why, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        var after = await server.Api.GetAsync(ExposurePath, tenant.Owner);
        Assert.Equal("full/full/none", PolicyOf(after.Json));
        Assert.Equal(JsonValueKind.Null, after.Json.GetProperty("updated_at").ValueKind);
        Assert.Equal(0, await EventCountAsync(server, "/security/events", tenant.Owner));
    }

    [BackendFact]
    public async Task TenantIsolation_OwnersChangeAndReadOnlyTheirOwnTenantsPolicy()
    {
        if (await StartAsync() is not ({ } server, { } a)) { return; }
        await using var _ = server;
        var b = await ServerTenants.SecondAsync(server);

        await PutExposureAsync(server, a.Owner, """{"local":"none","lan":"none","cloud":"none"}""");
        await PutExposureAsync(server, a.Owner, """{"cloud":"full"}""", $"{ExposurePath}?tenant_id={b.Id}");
        var bAsSeenByA = await server.Api.GetAsync($"{ExposurePath}?tenant_id={b.Id}", a.Owner);
        var bAsSeenByB = await server.Api.GetAsync(ExposurePath, b.Owner);
        var adminOfB = await server.Api.GetAsync($"/admin/tenants/{b.Id}/exposure", a.Owner);

        Assert.Equal("none/none/full", PolicyOf(bAsSeenByA.Json));
        Assert.Equal("full/full/redacted", PolicyOf(bAsSeenByB.Json));
        Assert.Equal(JsonValueKind.Null, bAsSeenByB.Json.GetProperty("updated_at").ValueKind);
        Assert.Equal(401, adminOfB.Status);
        Assert.Equal(401, (await PutExposureAsync(server, a.Owner, """{"cloud":"full"}""", $"/admin/tenants/{b.Id}/exposure")).Status);
        Assert.Equal(0, await EventCountAsync(server, "/security/events", b.Owner));
        Assert.Equal("full/full/redacted", PolicyOf((await server.Api.GetAsync(ExposurePath, b.Owner)).Json));
    }

    [BackendFact]
    public async Task AdminExposure_ByIdOrName_ReadAndChangedAsTheOperatorAndLogged()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var name = (await server.Store.FindTenantAsync(tenant.Id))!.Name;

        var read = await server.Api.GetAsync($"/admin/tenants/{name}/exposure", server.Admin);
        var put = await PutExposureAsync(server, server.Admin, """{"lan":"redacted","cloud":"redacted"}""", $"/admin/tenants/{tenant.Id}/exposure");
        var bad = await PutExposureAsync(server, server.Admin, """{"lan":"some"}""", $"/admin/tenants/{tenant.Id}/exposure");
        var missing = await PutExposureAsync(server, server.Admin, """{"lan":"none"}""", "/admin/tenants/t_nosuch/exposure");

        Assert.Equal("full/full/none", PolicyOf(read.Json));
        Assert.Equal(200, put.Status);
        Assert.Equal("full/redacted/redacted", PolicyOf((await server.Api.GetAsync(ExposurePath, tenant.Owner)).Json));
        Assert.Equal(400, bad.Status);
        Assert.Equal("lan", bad.Json.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(404, missing.Status);
        Assert.Equal(404, (await server.Api.GetAsync("/admin/tenants/t_nosuch/exposure", server.Admin)).Status);
        var row = Assert.Single((await server.Api.GetAsync("/security/events", tenant.Owner)).Json.EnumerateArray());
        Assert.Equal("exposure-changed", row.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("principal_id").ValueKind);
        Assert.Equal("admin", row.GetProperty("detail").GetProperty("by").GetString());
        Assert.Equal("""["lan","cloud"]""", row.GetProperty("detail").GetProperty("changed").GetRawText());
    }

    [BackendFact]
    public async Task OpenApi_ListsTheExposureEndpointsAndTheirBody()
    {
        if (await StartAsync() is not ({ } server, _)) { return; }
        await using var _ = server;

        var doc = (await server.Api.GetAsync("/openapi/v1.json", null)).Json;

        var paths = doc.GetProperty("paths");
        var put = paths.GetProperty(ExposurePath).GetProperty("put");
        Assert.Equal(JsonValueKind.Object, paths.GetProperty(ExposurePath).GetProperty("get").ValueKind);
        Assert.Equal(JsonValueKind.Object, paths.GetProperty("/admin/tenants/{tenant}/exposure").GetProperty("put").ValueKind);
        Assert.Contains("owner", put.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("ExposurePolicyDto", put.GetProperty("requestBody").GetRawText(), StringComparison.Ordinal);
    }
}
