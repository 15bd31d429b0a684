using System.Text.Json.Nodes;
using static Realign.Server.Tests.Items;

namespace Realign.Server.Tests;

public abstract partial class SyncApiContract
{
    private async Task AssertRefusedAsync(string tokenName, JsonObject bad, string code, int status = 403)
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var securityBefore = await EventCountAsync(server, "/security/events", tenant.Owner);
        var fine = tokenName == "ai-cloud" ? Ai("ok", 1, """{"title":"fine"}""") : User("ok", 1, """{"title":"fine"}""");
        var reply = await server.Api.PushAsync(tenant.Tokens[tokenName], Batch(fine, bad));
        Assert.Equal(status, reply.Status);
        Assert.Equal("application/problem+json", reply.MediaType);
        Assert.Equal(code, reply.Code);
        Assert.Equal("/problems/" + code, reply.Json.GetProperty("type").GetString());
        Assert.Contains(reply.Json.GetProperty("errors").EnumerateArray(), e => e.GetProperty("index").GetInt32() == 1 && e.GetProperty("code").GetString() == code);
        Assert.Equal(0, (await server.Api.GetAsync("/sync/pull", tenant.Owner)).Json.GetProperty("items").GetArrayLength());
        var log = status == 403 ? "/security/events" : "/sync/events";
        var events = (await server.Api.GetAsync(log, tenant.Owner)).Json;
        Assert.Equal(status == 403 ? securityBefore + 1 : 1, events.GetArrayLength());
        Assert.Equal("refused-batch:" + code, events[events.GetArrayLength() - 1].GetProperty("kind").GetString());
    }

    [BackendFact]
    public async Task Push_AiTokenClaimingUserLevel_RefusedLoggedNothingStored()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var reply = await server.Api.PushAsync(tenant.Tokens["ai-cloud"], Batch(Ai("a", 1, """{"title":"t"}"""), Item("x", 1, "user:desktop", 2, """{"title":"t"}""")));
        Assert.Equal(403, reply.Status);
        Assert.Equal("forbidden-level", reply.Code);
        Assert.Equal(1, reply.Json.GetProperty("errors")[0].GetProperty("index").GetInt32());
        Assert.Equal(1, await EventCountAsync(server, "/security/events", tenant.Owner));
        Assert.Equal(0, (await server.Api.GetAsync("/sync/pull", tenant.Owner)).Json.GetProperty("items").GetArrayLength());
    }

    [BackendFact]
    public Task Push_OriginOutsideScope_RefusedForbiddenOrigin() =>
        AssertRefusedAsync("owner", Item("x", 1, "user:web", 2, """{"title":"t"}"""), "forbidden-origin");

    [BackendFact]
    public Task Push_AcceptedByUserFromAi_RefusedForgedAcceptance() =>
        AssertRefusedAsync("ai-cloud", Ai("x", 2, """{"title":"t"}""").With("accepted_by_user", true), "forged-acceptance");

    [BackendFact]
    public Task Push_ProtectedFieldBelowLevelOne_RefusedProtectedField() =>
        AssertRefusedAsync("owner", Item("x", 2, "automation:rule-1", 2, """{"owner_id":"me"}"""), "protected-field");

    [BackendFact]
    public Task KeyRecordLockoutBug_VaultKeyFromAnAiToken_RefusedProtectedEntityAndLogged() =>
        AssertRefusedAsync("ai-cloud", Item("key", 5, "ai-cloud:llm", 2, """{"kdf":"argon2id","salt":"AAAAAAAAAAAAAAAAAAAAAA","memory_kib":4194304,"check":"rl1:x"}""", "vault-key"), "protected-entity");

    [BackendFact]
    public Task KeyRecordLockoutBug_VaultKeyDeleteFromAnAutomation_RefusedProtectedEntity() =>
        AssertRefusedAsync("owner", Item("key", 2, "automation:rule-1", 2, "{}", "vault-key").With("deleted", true), "protected-entity");

    [BackendTheory]
    [InlineData("Owner_Id")]
    [InlineData("BILLING")]
    public Task LookalikeProtectedFieldBug_ProtectedNameInAnotherCaseFromAi_RefusedProtectedField(string name) =>
        AssertRefusedAsync("ai-cloud", Ai("x", 2, $$"""{"{{name}}":"me"}"""), "protected-field");

    [BackendFact]
    public Task LookalikeProtectedFieldBug_ZeroWidthSpaceInAFieldName_RefusedInvalidItem() =>
        AssertRefusedAsync("ai-cloud", Ai("x", 2, "{\"owner_id\\u200b\":\"me\"}"), "invalid-item", 400);

    [BackendFact]
    public Task Push_FarFutureTimestamp_RefusedTimestampInFuture() =>
        AssertRefusedAsync("owner", User("x", 1, """{"title":"t"}""").With("last_modified_at", DateTimeOffset.UtcNow.AddDays(3).ToString("O", System.Globalization.CultureInfo.InvariantCulture)), "timestamp-in-future");

    [BackendFact]
    public Task Push_OtherTenantInBody_RefusedCrossTenant() =>
        AssertRefusedAsync("owner", User("x", 1, """{"title":"t"}""").With("tenant_id", "t_someoneelse"), "cross-tenant");

    [BackendFact]
    public Task Push_MalformedItem_RefusedInvalidItemInSyncLog() =>
        AssertRefusedAsync("owner", User("x", 1, """{"title":"t"}""").With("truth_level", 9), "invalid-item", 400);

    [BackendFact]
    public async Task TenantIsolation_OtherTenantsIdsInBodyQueryAndPath_ReadAndChangeNothingOfThem()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var other = await ServerTenants.SecondAsync(server);
        await server.Api.PushAsync(other.Owner, Batch(User("secret", 1, """{"title":"theirs"}""")));
        var crossBody = await server.Api.PushAsync(tenant.Owner, Batch(User("secret", 2, """{"title":"mine"}""").With("tenant_id", other.Id)));
        Assert.Equal(403, crossBody.Status);
        await server.Api.PushAsync(tenant.Owner, Batch(User("secret", 3, """{"title":"mine"}""")));
        await server.Api.PushAsync(other.Owner, Batch(User("only-b", 1, """{"title":"theirs"}""")));
        Assert.Equal(404, (await server.Api.GetAsync("/sync/entities/note/only-b", tenant.Owner)).Status);
        var theirs = await server.HeadAsync("secret", other.Owner);
        Assert.Equal("theirs", theirs.GetProperty("payload").GetProperty("title").GetString());
        Assert.Equal(1, theirs.GetProperty("version").GetInt64());
        var byQuery = await server.Api.GetAsync($"/sync/pull?since=0&tenant_id={other.Id}", tenant.Owner);
        Assert.All(byQuery.Json.GetProperty("items").EnumerateArray(), i => Assert.Equal(tenant.Id, i.GetProperty("tenant_id").GetString()));
        Assert.Equal("mine", (await server.HeadAsync("secret", tenant.Owner)).GetProperty("payload").GetProperty("title").GetString());
        var proposalOfOther = await server.Api.SendAsync(HttpMethod.Post, "/sync/conflict-resolve", tenant.Owner, """{"proposal_id":"p_000000000000000000000000","action":"accept"}""");
        Assert.Equal(404, proposalOfOther.Status);
        Assert.Equal(2, (await server.Api.GetAsync("/sync/pull", other.Owner)).Json.GetProperty("items").GetArrayLength());
    }
}
