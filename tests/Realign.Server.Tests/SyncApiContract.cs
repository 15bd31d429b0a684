using System.Text.Json.Nodes;
using Realign.Storage;
using static Realign.Server.Tests.Items;

namespace Realign.Server.Tests;

public abstract partial class SyncApiContract
{
    protected abstract RealignServerOptions? StoreOptions();

    protected async Task<(HostedServer Server, TenantUnderTest Tenant)?> StartAsync(Func<RealignServerOptions, RealignServerOptions>? tune = null)
    {
        if (StoreOptions() is not { } options)
        {
            return null;
        }

        var server = await HostedServer.StartAsync(tune is null ? options : tune(options));
        return (server, await ServerTenants.NewAsync(server));
    }

    private static async Task<int> EventCountAsync(HostedServer server, string path, string token) =>
        (await server.Api.GetAsync(path, token)).Json.GetArrayLength();

    [BackendFact]
    public async Task Push_UserNote_AppliedAndPulledWithStamps()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var push = await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 1, """{"title":"hello","tags":["a"]}""")));
        Assert.Equal(200, push.Status);
        var result = push.Json.GetProperty("results")[0];
        Assert.Equal("applied", result.GetProperty("outcome").GetString());
        Assert.Equal(1, result.GetProperty("version").GetInt64());
        var pull = await server.Api.GetAsync("/sync/pull?since=0", tenant.Owner);
        var head = pull.Json.GetProperty("items")[0];
        Assert.Equal("hello", head.GetProperty("payload").GetProperty("title").GetString());
        Assert.Equal(tenant.Id, head.GetProperty("tenant_id").GetString());
        Assert.Equal(1, head.GetProperty("field_stamps").GetProperty("title").GetProperty("level").GetInt32());
        Assert.Equal(push.Json.GetProperty("cursor").GetInt64(), pull.Json.GetProperty("next_cursor").GetInt64());
        Assert.False(pull.Json.GetProperty("has_more").GetBoolean());
    }

    [BackendFact]
    public async Task CaseA_AiAfterUser_UserValueKeptAsProposal()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 1, """{"title":"mine"}""")));
        var ai = await server.Api.PushAsync(tenant.Tokens["ai-cloud"], Batch(Ai("n1", 2, """{"title":"suggested"}""")));
        Assert.Equal("proposal", ai.Json.GetProperty("results")[0].GetProperty("outcome").GetString());
        var head = await server.HeadAsync("n1", tenant.Owner);
        Assert.Equal("mine", head.GetProperty("payload").GetProperty("title").GetString());
        Assert.Equal(1, head.GetProperty("truth_level").GetInt32());
        var proposals = await server.Api.GetAsync("/sync/proposals?status=pending", tenant.Owner);
        Assert.Equal("suggested", proposals.Json[0].GetProperty("value").GetString());
    }

    [BackendFact]
    public async Task UpgradeRule_AcceptedByUser_BecomesLevelOneWithProvenance()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 1, """{"title":"mine"}""")));
        await server.Api.PushAsync(tenant.Tokens["ai-cloud"], Batch(Ai("n1", 2, """{"title":"suggested"}""")));
        var accept = await server.Api.PushAsync(tenant.Owner, Batch(Ai("n1", 3, """{"title":"suggested"}""").With("accepted_by_user", true)));
        Assert.Equal(200, accept.Status);
        var head = await server.HeadAsync("n1", tenant.Owner);
        Assert.Equal("suggested", head.GetProperty("payload").GetProperty("title").GetString());
        Assert.Equal(1, head.GetProperty("truth_level").GetInt32());
        Assert.True(head.GetProperty("accepted_by_user").GetBoolean());
        Assert.Contains(head.GetProperty("origin_chain").EnumerateArray(), step => step.GetProperty("source").GetString() == "ai-cloud:llm");
        Assert.Equal("accepted", (await server.Api.GetAsync("/sync/proposals?status=all", tenant.Owner)).Json[0].GetProperty("status").GetString());
    }

    [BackendFact]
    public async Task CaseB_UnseenUserEdits_LaterWinsAndConflictLoggedThenResolved()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 1, """{"title":"v1"}""")));
        await server.Api.PushAsync(tenant.Tokens["web"], Batch(Item("n1", 1, "user:web", 5, """{"title":"web"}""").With("base_version", 1)));
        var late = await server.Api.PushAsync(tenant.Tokens["mobile"], Batch(Item("n1", 1, "user:mobile", 3, """{"title":"mobile"}""").With("base_version", 1)));
        Assert.Equal("conflict", late.Json.GetProperty("results")[0].GetProperty("outcome").GetString());
        Assert.Equal("web", (await server.HeadAsync("n1", tenant.Owner)).GetProperty("payload").GetProperty("title").GetString());
        var conflicts = await server.Api.GetAsync("/sync/conflicts?status=open", tenant.Owner);
        var conflictId = conflicts.Json[0].GetProperty("conflict_id").GetString();
        Assert.Contains((await server.Api.GetAsync("/sync/events", tenant.Owner)).Json.EnumerateArray(), e => e.GetProperty("kind").GetString() == "conflict");
        var resolve = await server.Api.SendAsync(HttpMethod.Post, "/sync/conflict-resolve", tenant.Owner, new JsonObject { ["conflict_id"] = conflictId, ["keep"] = "loser" }.ToJsonString());
        Assert.Equal(200, resolve.Status);
        Assert.Equal("mobile", (await server.HeadAsync("n1", tenant.Owner)).GetProperty("payload").GetProperty("title").GetString());
        Assert.Equal(0, await EventCountAsync(server, "/sync/conflicts?status=open", tenant.Owner));
    }

    [BackendFact]
    public async Task CaseC_AutomationAgainstAi_LowerLevelNumberWinsThenLaterWinsAtSameLevel()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        await server.Api.PushAsync(tenant.Tokens["automation"], Batch(Item("n1", 2, "automation:rule-1", 1, """{"title":"auto"}""")));
        await server.Api.PushAsync(tenant.Tokens["ai-cloud"], Batch(Ai("n1", 5, """{"title":"cloud"}""")));
        Assert.Equal("auto", (await server.HeadAsync("n1", tenant.Owner)).GetProperty("payload").GetProperty("title").GetString());
        await server.Api.PushAsync(tenant.Tokens["automation"], Batch(Item("n1", 2, "automation:rule-2", 6, """{"title":"auto later"}""")));
        var head = await server.HeadAsync("n1", tenant.Owner);
        Assert.Equal("auto later", head.GetProperty("payload").GetProperty("title").GetString());
        Assert.Equal(2, head.GetProperty("truth_level").GetInt32());
    }

    [BackendFact]
    public async Task DeletionRule_AiDeleteOfUserEntity_ProposalAndUserDeleteApplies()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 1, """{"title":"keep me"}""")));
        var aiDelete = await server.Api.PushAsync(tenant.Tokens["ai-cloud"], Batch(Ai("n1", 2, "null").With("deleted", true)));
        Assert.Equal("proposal", aiDelete.Json.GetProperty("results")[0].GetProperty("outcome").GetString());
        Assert.False((await server.HeadAsync("n1", tenant.Owner)).GetProperty("deleted").GetBoolean());
        Assert.Equal("_deleted", (await server.Api.GetAsync("/sync/proposals", tenant.Owner)).Json[0].GetProperty("field").GetString());
        await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 3, "null").With("deleted", true)));
        Assert.True((await server.HeadAsync("n1", tenant.Owner)).GetProperty("deleted").GetBoolean());
        await server.Api.PushAsync(tenant.Tokens["web"], Batch(Item("n1", 1, "user:web", 4, """{"title":"back"}""")));
        Assert.False((await server.HeadAsync("n1", tenant.Owner)).GetProperty("deleted").GetBoolean());
    }

    [BackendFact]
    public async Task Push_SameBatchIdTwice_SameResultReplayedNoSecondVersion()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var body = Batch("batch-1", User("n1", 1, """{"title":"once"}"""), User("n2", 1, """{"title":"once"}"""));
        var first = await server.Api.PushAsync(tenant.Owner, body);
        var second = await server.Api.PushAsync(tenant.Owner, body);
        Assert.False(first.Json.GetProperty("replayed").GetBoolean());
        Assert.True(second.Json.GetProperty("replayed").GetBoolean());
        Assert.Equal(first.Json.GetProperty("results").GetRawText(), second.Json.GetProperty("results").GetRawText());
        Assert.Equal(first.Json.GetProperty("cursor").GetInt64(), second.Json.GetProperty("cursor").GetInt64());
        Assert.Equal(1, (await server.HeadAsync("n1", tenant.Owner)).GetProperty("version").GetInt64());
        Assert.Equal(2, (await server.Api.GetAsync("/sync/pull", tenant.Owner)).Json.GetProperty("items").GetArrayLength());
    }

    [BackendFact]
    public async Task BatchIdReusedBug_SameIdWithADifferentBody_Refused409NothingOfItStored()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var first = Batch("batch-1", User("n1", 1, """{"title":"first"}"""));
        Assert.Equal(200, (await server.Api.PushAsync(tenant.Owner, first)).Status);

        var reused = await server.Api.PushAsync(tenant.Owner, Batch("batch-1", User("n2", 2, """{"title":"second"}""")));
        Assert.Equal(409, reused.Status);
        Assert.Equal("application/problem+json", reused.MediaType);
        Assert.Equal("batch-id-reused", reused.Code);
        Assert.Equal(404, (await server.Api.GetAsync("/sync/entities/note/n2", tenant.Owner)).Status);
        Assert.Single((await server.Api.GetAsync("/sync/pull", tenant.Owner)).Json.GetProperty("items").EnumerateArray());
        var events = (await server.Api.GetAsync("/sync/events", tenant.Owner)).Json;
        Assert.Contains(events.EnumerateArray(), e => e.GetProperty("kind").GetString() == "refused-batch:batch-id-reused");

        var replay = await server.Api.PushAsync(tenant.Owner, first);
        Assert.Equal(200, replay.Status);
        Assert.True(replay.Json.GetProperty("replayed").GetBoolean());
    }

    [BackendFact]
    public async Task BatchIdReusedBug_AnotherPrincipalsBatchId_Refused409NotAnsweredWithTheirResults()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var body = Batch("batch-owner", User("n1", 1, """{"title":"owner's"}"""));
        Assert.Equal(200, (await server.Api.PushAsync(tenant.Owner, body)).Status);
        var other = await server.Api.PushAsync(tenant.Tokens["ai-cloud"], Batch("batch-owner", Ai("n9", 2, """{"title":"ai"}""")));
        Assert.Equal(409, other.Status);
        Assert.Equal("batch-id-reused", other.Code);
        Assert.Equal(404, (await server.Api.GetAsync("/sync/entities/note/n9", tenant.Owner)).Status);
    }

    [BackendFact]
    public async Task SeedShapeItem_CarryingVersion_IsBasedOnItAndAheadOfTheServerIsRefused()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        Assert.Equal(200, (await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 1, """{"title":"first"}""")))).Status);

        var seen = await server.Api.PushAsync(tenant.Tokens["web"], Batch(Item("n1", 1, "user:web", 2, """{"title":"edited from v1"}""").With("version", 1)));
        Assert.Equal(200, seen.Status);
        Assert.Equal("applied", seen.Json.GetProperty("results")[0].GetProperty("outcome").GetString());

        var stale = await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 3, """{"title":"edited from v1 too"}""").With("version", 1)));
        Assert.Equal("conflict", stale.Json.GetProperty("results")[0].GetProperty("outcome").GetString());

        var before = (await server.HeadAsync("n1", tenant.Owner)).GetProperty("version").GetInt64();
        var ahead = await server.Api.PushAsync(tenant.Owner, Batch(User("ok", 4, """{"title":"fine"}"""), User("n1", 4, """{"title":"from the future"}""").With("version", 99)));
        Assert.Equal(409, ahead.Status);
        Assert.Equal("version-ahead", ahead.Code);
        Assert.Equal(1, ahead.Json.GetProperty("errors")[0].GetProperty("index").GetInt32());
        Assert.Equal(before, (await server.HeadAsync("n1", tenant.Owner)).GetProperty("version").GetInt64());
        Assert.Equal(404, (await server.Api.GetAsync("/sync/entities/note/ok", tenant.Owner)).Status);

        var fresh = await server.Api.PushAsync(tenant.Owner, Batch(User("n-new", 5, """{"title":"new"}""").With("version", 0)));
        Assert.Equal(200, fresh.Status);
    }

    [BackendFact]
    public async Task Pull_Pages_OrderedWithHasMoreAndNextCursor()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        await server.Api.PushAsync(tenant.Owner, Batch([.. Enumerable.Range(0, 5).Select(i => User($"n{i}", 1, """{"title":"x"}"""))]));
        var seen = new List<string>();
        var hasMore = new List<bool>();
        long cursor = 0;
        for (var page = 0; page < 10; page++)
        {
            var pull = (await server.Api.GetAsync($"/sync/pull?since={cursor}&limit=2", tenant.Owner)).Json;
            seen.AddRange(pull.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("entity_id").GetString()!));
            cursor = pull.GetProperty("next_cursor").GetInt64();
            hasMore.Add(pull.GetProperty("has_more").GetBoolean());
            if (!hasMore[^1])
            {
                break;
            }
        }

        Assert.Equal(["n0", "n1", "n2", "n3", "n4"], seen);
        Assert.Equal([true, true, false], hasMore);
        Assert.Equal(5, cursor);
    }

    [BackendFact]
    public async Task Pull_IsoTimeSince_StartsAtFirstChangeAfterIt()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var before = DateTimeOffset.UtcNow.AddSeconds(-30).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 1, """{"title":"x"}""")));
        var all = await server.Api.GetAsync($"/sync/pull?since={Uri.EscapeDataString(before)}", tenant.Owner);
        Assert.Equal(1, all.Json.GetProperty("items").GetArrayLength());
        var future = DateTimeOffset.UtcNow.AddMinutes(30).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var none = await server.Api.GetAsync($"/sync/pull?since={Uri.EscapeDataString(future)}", tenant.Owner);
        Assert.Equal(0, none.Json.GetProperty("items").GetArrayLength());
    }

    [BackendFact]
    public async Task Pull_CursorBelowPurgeHorizon_GoneResyncRequired()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 1, """{"title":"x"}"""), User("n2", 1, """{"title":"x"}""")));
        await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 2, "null").With("deleted", true)));
        Assert.Equal(200, (await server.Api.SendAsync(HttpMethod.Post, $"/admin/tenants/{tenant.Id}/purge-tombstones?up_to=3", server.Admin)).Status);
        var gone = await server.Api.GetAsync("/sync/pull?since=1", tenant.Owner);
        Assert.Equal(410, gone.Status);
        Assert.Equal("resync-required", gone.Code);
        Assert.Equal("/problems/resync-required", gone.Json.GetProperty("type").GetString());
        Assert.Equal(200, (await server.Api.GetAsync("/sync/pull?since=0", tenant.Owner)).Status);
    }

    [BackendFact]
    public async Task Auth_MissingOrUnknownToken_Unauthorized()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        Assert.Equal(401, (await server.Api.GetAsync("/sync/pull", null)).Status);
        var unknown = await server.Api.GetAsync("/auth/me", "rlt_unknown");
        Assert.Equal(401, unknown.Status);
        Assert.Equal("unauthorized", unknown.Code);
        var me = await server.Api.GetAsync("/auth/me", tenant.Owner);
        Assert.Equal(tenant.Id, me.Json.GetProperty("tenant_id").GetString());
        Assert.Equal("user_device", me.Json.GetProperty("kind").GetString());
        Assert.True(me.Json.GetProperty("can_accept").GetBoolean());
    }

    [BackendFact]
    public async Task Admin_WithAdminToken_CreatesTenantAndToken_OthersUnauthorized()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        Assert.Equal(401, (await server.Api.GetAsync("/admin/tenants", tenant.Owner)).Status);
        var admin = server.Admin;
        var name = "adm-" + Guid.NewGuid().ToString("N")[..6];
        var created = await server.Api.SendAsync(HttpMethod.Post, "/admin/tenants", admin, $$"""{"name":"{{name}}","vault_mode":"cloud_first"}""");
        Assert.Equal(201, created.Status);
        var token = await server.Api.SendAsync(HttpMethod.Post, "/admin/tokens", admin, $$"""{"tenant":"{{name}}","as":"ai-cloud","can_accept":false}""");
        Assert.Equal(201, token.Status);
        var me = await server.Api.GetAsync("/auth/me", token.Json.GetProperty("token").GetString());
        Assert.Equal("ai_cloud", me.Json.GetProperty("kind").GetString());
        var forged = await server.Api.SendAsync(HttpMethod.Post, "/admin/tokens", admin, $$"""{"tenant":"{{name}}","as":"ai-cloud","can_accept":true}""");
        Assert.Equal(400, forged.Status);
    }

    [BackendFact]
    public async Task OpenApiAndDocsAndHealth_Served()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var doc = await server.Api.GetAsync("/openapi/v1.json", null);
        Assert.Equal(200, doc.Status);
        Assert.Contains("/sync/push", doc.Body, StringComparison.Ordinal);
        Assert.Equal(200, (await server.Api.GetAsync("/docs/", null)).Status);
        Assert.Equal("ok", (await server.Api.GetAsync("/healthz", null)).Json.GetProperty("status").GetString());
    }

    [BackendFact]
    public async Task Resolve_ProposalRejectedThenAnotherAcceptedWithEdit_StatusesAndValues()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 1, """{"title":"mine","body":"b"}""")));
        await server.Api.PushAsync(tenant.Tokens["ai-cloud"], Batch(Ai("n1", 2, """{"title":"ai title","body":"ai body"}""")));
        var pending = (await server.Api.GetAsync("/sync/proposals", tenant.Owner)).Json;
        Assert.Equal(2, pending.GetArrayLength());
        var titleId = pending.EnumerateArray().First(p => p.GetProperty("field").GetString() == "title").GetProperty("proposal_id").GetString();
        var bodyId = pending.EnumerateArray().First(p => p.GetProperty("field").GetString() == "body").GetProperty("proposal_id").GetString();
        var reject = await server.Api.SendAsync(HttpMethod.Post, "/sync/conflict-resolve", tenant.Owner, new JsonObject { ["proposal_id"] = titleId, ["action"] = "reject" }.ToJsonString());
        Assert.Equal(200, reject.Status);
        var accept = await server.Api.SendAsync(HttpMethod.Post, "/sync/conflict-resolve", tenant.Owner, new JsonObject { ["proposal_id"] = bodyId, ["action"] = "accept", ["value"] = "ai body, edited" }.ToJsonString());
        Assert.Equal(200, accept.Status);
        var head = await server.HeadAsync("n1", tenant.Owner);
        Assert.Equal("mine", head.GetProperty("payload").GetProperty("title").GetString());
        Assert.Equal("ai body, edited", head.GetProperty("payload").GetProperty("body").GetString());
        var all = (await server.Api.GetAsync("/sync/proposals?status=all", tenant.Owner)).Json.EnumerateArray().ToDictionary(p => p.GetProperty("proposal_id").GetString()!, p => p.GetProperty("status").GetString());
        Assert.Equal("rejected", all[titleId!]);
        Assert.Equal("accepted", all[bodyId!]);
        var mobile = await server.Api.SendAsync(HttpMethod.Post, "/sync/conflict-resolve", tenant.Tokens["mobile"], new JsonObject { ["proposal_id"] = bodyId, ["action"] = "accept" }.ToJsonString());
        Assert.Equal(409, mobile.Status);
    }
}
