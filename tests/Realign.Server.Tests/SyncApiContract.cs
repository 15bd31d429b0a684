using System.Text.Json.Nodes;
using Realign.Storage;
using static Realign.Server.Tests.Items;

namespace Realign.Server.Tests;

public abstract partial class SyncApiContract
{
    protected abstract RealignServerOptions? StoreOptions();

    protected async Task<ServerUnderTest?> StartAsync(Func<RealignServerOptions, RealignServerOptions>? tune = null)
    {
        if (StoreOptions() is not { } options)
        {
            return null;
        }

        return await ServerUnderTest.StartAsync(tune is null ? options : tune(options));
    }

    private static async Task<int> EventCountAsync(ServerUnderTest server, string path, string? token = null) =>
        (await server.GetAsync(path, token ?? server.Owner)).Json.GetArrayLength();

    [BackendFact]
    public async Task Push_UserNote_AppliedAndPulledWithStamps()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var _ = server;
        var push = await server.PushAsync(server.Owner, Batch(User("n1", 1, """{"title":"hello","tags":["a"]}""")));
        Assert.Equal(200, push.Status);
        var result = push.Json.GetProperty("results")[0];
        Assert.Equal("applied", result.GetProperty("outcome").GetString());
        Assert.Equal(1, result.GetProperty("version").GetInt64());
        var pull = await server.GetAsync("/sync/pull?since=0", server.Owner);
        var head = pull.Json.GetProperty("items")[0];
        Assert.Equal("hello", head.GetProperty("payload").GetProperty("title").GetString());
        Assert.Equal(server.TenantId, head.GetProperty("tenant_id").GetString());
        Assert.Equal(1, head.GetProperty("field_stamps").GetProperty("title").GetProperty("level").GetInt32());
        Assert.Equal(push.Json.GetProperty("cursor").GetInt64(), pull.Json.GetProperty("next_cursor").GetInt64());
        Assert.False(pull.Json.GetProperty("has_more").GetBoolean());
    }

    [BackendFact]
    public async Task CaseA_AiAfterUser_UserValueKeptAsProposal()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var _ = server;
        await server.PushAsync(server.Owner, Batch(User("n1", 1, """{"title":"mine"}""")));
        var ai = await server.PushAsync(server.Tokens["ai-cloud"], Batch(Ai("n1", 2, """{"title":"suggested"}""")));
        Assert.Equal("proposal", ai.Json.GetProperty("results")[0].GetProperty("outcome").GetString());
        var head = await server.HeadAsync("n1");
        Assert.Equal("mine", head.GetProperty("payload").GetProperty("title").GetString());
        Assert.Equal(1, head.GetProperty("truth_level").GetInt32());
        var proposals = await server.GetAsync("/sync/proposals?status=pending", server.Owner);
        Assert.Equal("suggested", proposals.Json[0].GetProperty("value").GetString());
    }

    [BackendFact]
    public async Task UpgradeRule_AcceptedByUser_BecomesLevelOneWithProvenance()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var _ = server;
        await server.PushAsync(server.Owner, Batch(User("n1", 1, """{"title":"mine"}""")));
        await server.PushAsync(server.Tokens["ai-cloud"], Batch(Ai("n1", 2, """{"title":"suggested"}""")));
        var accept = await server.PushAsync(server.Owner, Batch(Ai("n1", 3, """{"title":"suggested"}""").With("accepted_by_user", true)));
        Assert.Equal(200, accept.Status);
        var head = await server.HeadAsync("n1");
        Assert.Equal("suggested", head.GetProperty("payload").GetProperty("title").GetString());
        Assert.Equal(1, head.GetProperty("truth_level").GetInt32());
        Assert.True(head.GetProperty("accepted_by_user").GetBoolean());
        Assert.Contains(head.GetProperty("origin_chain").EnumerateArray(), step => step.GetProperty("source").GetString() == "ai-cloud:llm");
        Assert.Equal("accepted", (await server.GetAsync("/sync/proposals?status=all", server.Owner)).Json[0].GetProperty("status").GetString());
    }

    [BackendFact]
    public async Task CaseB_UnseenUserEdits_LaterWinsAndConflictLoggedThenResolved()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var _ = server;
        await server.PushAsync(server.Owner, Batch(User("n1", 1, """{"title":"v1"}""")));
        await server.PushAsync(server.Tokens["web"], Batch(Item("n1", 1, "user:web", 5, """{"title":"web"}""").With("base_version", 1)));
        var late = await server.PushAsync(server.Tokens["mobile"], Batch(Item("n1", 1, "user:mobile", 3, """{"title":"mobile"}""").With("base_version", 1)));
        Assert.Equal("conflict", late.Json.GetProperty("results")[0].GetProperty("outcome").GetString());
        Assert.Equal("web", (await server.HeadAsync("n1")).GetProperty("payload").GetProperty("title").GetString());
        var conflicts = await server.GetAsync("/sync/conflicts?status=open", server.Owner);
        var conflictId = conflicts.Json[0].GetProperty("conflict_id").GetString();
        Assert.Contains((await server.GetAsync("/sync/events", server.Owner)).Json.EnumerateArray(), e => e.GetProperty("kind").GetString() == "conflict");
        var resolve = await server.SendAsync(HttpMethod.Post, "/sync/conflict-resolve", server.Owner, new JsonObject { ["conflict_id"] = conflictId, ["keep"] = "loser" }.ToJsonString());
        Assert.Equal(200, resolve.Status);
        Assert.Equal("mobile", (await server.HeadAsync("n1")).GetProperty("payload").GetProperty("title").GetString());
        Assert.Equal(0, await EventCountAsync(server, "/sync/conflicts?status=open"));
    }

    [BackendFact]
    public async Task CaseC_AutomationAgainstAi_LowerLevelNumberWinsThenLaterWinsAtSameLevel()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var _ = server;
        await server.PushAsync(server.Tokens["automation"], Batch(Item("n1", 2, "automation:rule-1", 1, """{"title":"auto"}""")));
        await server.PushAsync(server.Tokens["ai-cloud"], Batch(Ai("n1", 5, """{"title":"cloud"}""")));
        Assert.Equal("auto", (await server.HeadAsync("n1")).GetProperty("payload").GetProperty("title").GetString());
        await server.PushAsync(server.Tokens["automation"], Batch(Item("n1", 2, "automation:rule-2", 6, """{"title":"auto later"}""")));
        var head = await server.HeadAsync("n1");
        Assert.Equal("auto later", head.GetProperty("payload").GetProperty("title").GetString());
        Assert.Equal(2, head.GetProperty("truth_level").GetInt32());
    }

    [BackendFact]
    public async Task DeletionRule_AiDeleteOfUserEntity_ProposalAndUserDeleteApplies()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var _ = server;
        await server.PushAsync(server.Owner, Batch(User("n1", 1, """{"title":"keep me"}""")));
        var aiDelete = await server.PushAsync(server.Tokens["ai-cloud"], Batch(Ai("n1", 2, "null").With("deleted", true)));
        Assert.Equal("proposal", aiDelete.Json.GetProperty("results")[0].GetProperty("outcome").GetString());
        Assert.False((await server.HeadAsync("n1")).GetProperty("deleted").GetBoolean());
        Assert.Equal("_deleted", (await server.GetAsync("/sync/proposals", server.Owner)).Json[0].GetProperty("field").GetString());
        await server.PushAsync(server.Owner, Batch(User("n1", 3, "null").With("deleted", true)));
        Assert.True((await server.HeadAsync("n1")).GetProperty("deleted").GetBoolean());
        await server.PushAsync(server.Tokens["web"], Batch(Item("n1", 1, "user:web", 4, """{"title":"back"}""")));
        Assert.False((await server.HeadAsync("n1")).GetProperty("deleted").GetBoolean());
    }

    [BackendFact]
    public async Task Push_SameBatchIdTwice_SameResultReplayedNoSecondVersion()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var _ = server;
        var body = Batch("batch-1", User("n1", 1, """{"title":"once"}"""), User("n2", 1, """{"title":"once"}"""));
        var first = await server.PushAsync(server.Owner, body);
        var second = await server.PushAsync(server.Owner, body);
        Assert.False(first.Json.GetProperty("replayed").GetBoolean());
        Assert.True(second.Json.GetProperty("replayed").GetBoolean());
        Assert.Equal(first.Json.GetProperty("results").GetRawText(), second.Json.GetProperty("results").GetRawText());
        Assert.Equal(first.Json.GetProperty("cursor").GetInt64(), second.Json.GetProperty("cursor").GetInt64());
        Assert.Equal(1, (await server.HeadAsync("n1")).GetProperty("version").GetInt64());
        Assert.Equal(2, (await server.GetAsync("/sync/pull", server.Owner)).Json.GetProperty("items").GetArrayLength());
    }

    [BackendFact]
    public async Task BatchIdReusedBug_SameIdWithADifferentBody_Refused409NothingOfItStored()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var _ = server;
        var first = Batch("batch-1", User("n1", 1, """{"title":"first"}"""));
        Assert.Equal(200, (await server.PushAsync(server.Owner, first)).Status);

        var reused = await server.PushAsync(server.Owner, Batch("batch-1", User("n2", 2, """{"title":"second"}""")));
        Assert.Equal(409, reused.Status);
        Assert.Equal("application/problem+json", reused.MediaType);
        Assert.Equal("batch-id-reused", reused.Code);
        Assert.Equal(404, (await server.GetAsync("/sync/entities/note/n2", server.Owner)).Status);
        Assert.Single((await server.GetAsync("/sync/pull", server.Owner)).Json.GetProperty("items").EnumerateArray());
        var events = (await server.GetAsync("/sync/events", server.Owner)).Json;
        Assert.Contains(events.EnumerateArray(), e => e.GetProperty("kind").GetString() == "refused-batch:batch-id-reused");

        var replay = await server.PushAsync(server.Owner, first);
        Assert.Equal(200, replay.Status);
        Assert.True(replay.Json.GetProperty("replayed").GetBoolean());
    }

    [BackendFact]
    public async Task BatchIdReusedBug_AnotherPrincipalsBatchId_Refused409NotAnsweredWithTheirResults()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var _ = server;
        var body = Batch("batch-owner", User("n1", 1, """{"title":"owner's"}"""));
        Assert.Equal(200, (await server.PushAsync(server.Owner, body)).Status);
        var other = await server.PushAsync(server.Tokens["ai-cloud"], Batch("batch-owner", Ai("n9", 2, """{"title":"ai"}""")));
        Assert.Equal(409, other.Status);
        Assert.Equal("batch-id-reused", other.Code);
        Assert.Equal(404, (await server.GetAsync("/sync/entities/note/n9", server.Owner)).Status);
    }

    [BackendFact]
    public async Task SeedShapeItem_CarryingVersion_IsBasedOnItAndAheadOfTheServerIsRefused()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var _ = server;
        Assert.Equal(200, (await server.PushAsync(server.Owner, Batch(User("n1", 1, """{"title":"first"}""")))).Status);

        var seen = await server.PushAsync(server.Tokens["web"], Batch(Item("n1", 1, "user:web", 2, """{"title":"edited from v1"}""").With("version", 1)));
        Assert.Equal(200, seen.Status);
        Assert.Equal("applied", seen.Json.GetProperty("results")[0].GetProperty("outcome").GetString());

        var stale = await server.PushAsync(server.Owner, Batch(User("n1", 3, """{"title":"edited from v1 too"}""").With("version", 1)));
        Assert.Equal("conflict", stale.Json.GetProperty("results")[0].GetProperty("outcome").GetString());

        var before = (await server.HeadAsync("n1")).GetProperty("version").GetInt64();
        var ahead = await server.PushAsync(server.Owner, Batch(User("ok", 4, """{"title":"fine"}"""), User("n1", 4, """{"title":"from the future"}""").With("version", 99)));
        Assert.Equal(409, ahead.Status);
        Assert.Equal("version-ahead", ahead.Code);
        Assert.Equal(1, ahead.Json.GetProperty("errors")[0].GetProperty("index").GetInt32());
        Assert.Equal(before, (await server.HeadAsync("n1")).GetProperty("version").GetInt64());
        Assert.Equal(404, (await server.GetAsync("/sync/entities/note/ok", server.Owner)).Status);

        var fresh = await server.PushAsync(server.Owner, Batch(User("n-new", 5, """{"title":"new"}""").With("version", 0)));
        Assert.Equal(200, fresh.Status);
    }

    [BackendFact]
    public async Task Pull_Pages_OrderedWithHasMoreAndNextCursor()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var _ = server;
        await server.PushAsync(server.Owner, Batch([.. Enumerable.Range(0, 5).Select(i => User($"n{i}", 1, """{"title":"x"}"""))]));
        var seen = new List<string>();
        var hasMore = new List<bool>();
        long cursor = 0;
        for (var page = 0; page < 10; page++)
        {
            var pull = (await server.GetAsync($"/sync/pull?since={cursor}&limit=2", server.Owner)).Json;
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
        if (await StartAsync() is not { } server) { return; }
        await using var _ = server;
        var before = DateTimeOffset.UtcNow.AddSeconds(-30).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await server.PushAsync(server.Owner, Batch(User("n1", 1, """{"title":"x"}""")));
        var all = await server.GetAsync($"/sync/pull?since={Uri.EscapeDataString(before)}", server.Owner);
        Assert.Equal(1, all.Json.GetProperty("items").GetArrayLength());
        var future = DateTimeOffset.UtcNow.AddMinutes(30).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var none = await server.GetAsync($"/sync/pull?since={Uri.EscapeDataString(future)}", server.Owner);
        Assert.Equal(0, none.Json.GetProperty("items").GetArrayLength());
    }

    [BackendFact]
    public async Task Pull_CursorBelowPurgeHorizon_GoneResyncRequired()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var _ = server;
        await server.PushAsync(server.Owner, Batch(User("n1", 1, """{"title":"x"}"""), User("n2", 1, """{"title":"x"}""")));
        await server.PushAsync(server.Owner, Batch(User("n1", 2, "null").With("deleted", true)));
        Assert.Equal(200, (await server.SendAsync(HttpMethod.Post, $"/admin/tenants/{server.TenantId}/purge-tombstones?up_to=3", server.Admin)).Status);
        var gone = await server.GetAsync("/sync/pull?since=1", server.Owner);
        Assert.Equal(410, gone.Status);
        Assert.Equal("resync-required", gone.Code);
        Assert.Equal("/problems/resync-required", gone.Json.GetProperty("type").GetString());
        Assert.Equal(200, (await server.GetAsync("/sync/pull?since=0", server.Owner)).Status);
    }

    [BackendFact]
    public async Task Auth_MissingOrUnknownToken_Unauthorized()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var _ = server;
        Assert.Equal(401, (await server.GetAsync("/sync/pull", null)).Status);
        var unknown = await server.GetAsync("/auth/me", "rlt_unknown");
        Assert.Equal(401, unknown.Status);
        Assert.Equal("unauthorized", unknown.Code);
        var me = await server.GetAsync("/auth/me", server.Owner);
        Assert.Equal(server.TenantId, me.Json.GetProperty("tenant_id").GetString());
        Assert.Equal("user_device", me.Json.GetProperty("kind").GetString());
        Assert.True(me.Json.GetProperty("can_accept").GetBoolean());
    }

    [BackendFact]
    public async Task Admin_WithAdminToken_CreatesTenantAndToken_OthersUnauthorized()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var _ = server;
        Assert.Equal(401, (await server.GetAsync("/admin/tenants", server.Owner)).Status);
        var admin = server.Admin;
        var name = "adm-" + Guid.NewGuid().ToString("N")[..6];
        var tenant = await server.SendAsync(HttpMethod.Post, "/admin/tenants", admin, $$"""{"name":"{{name}}","vault_mode":"cloud_first"}""");
        Assert.Equal(201, tenant.Status);
        var token = await server.SendAsync(HttpMethod.Post, "/admin/tokens", admin, $$"""{"tenant":"{{name}}","as":"ai-cloud","can_accept":false}""");
        Assert.Equal(201, token.Status);
        var me = await server.GetAsync("/auth/me", token.Json.GetProperty("token").GetString());
        Assert.Equal("ai_cloud", me.Json.GetProperty("kind").GetString());
        var forged = await server.SendAsync(HttpMethod.Post, "/admin/tokens", admin, $$"""{"tenant":"{{name}}","as":"ai-cloud","can_accept":true}""");
        Assert.Equal(400, forged.Status);
    }

    [BackendFact]
    public async Task OpenApiAndDocsAndHealth_Served()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var _ = server;
        var doc = await server.GetAsync("/openapi/v1.json", null);
        Assert.Equal(200, doc.Status);
        Assert.Contains("/sync/push", doc.Body, StringComparison.Ordinal);
        Assert.Equal(200, (await server.GetAsync("/docs/", null)).Status);
        Assert.Equal("ok", (await server.GetAsync("/healthz", null)).Json.GetProperty("status").GetString());
    }

    [BackendFact]
    public async Task Resolve_ProposalRejectedThenAnotherAcceptedWithEdit_StatusesAndValues()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var _ = server;
        await server.PushAsync(server.Owner, Batch(User("n1", 1, """{"title":"mine","body":"b"}""")));
        await server.PushAsync(server.Tokens["ai-cloud"], Batch(Ai("n1", 2, """{"title":"ai title","body":"ai body"}""")));
        var pending = (await server.GetAsync("/sync/proposals", server.Owner)).Json;
        Assert.Equal(2, pending.GetArrayLength());
        var titleId = pending.EnumerateArray().First(p => p.GetProperty("field").GetString() == "title").GetProperty("proposal_id").GetString();
        var bodyId = pending.EnumerateArray().First(p => p.GetProperty("field").GetString() == "body").GetProperty("proposal_id").GetString();
        var reject = await server.SendAsync(HttpMethod.Post, "/sync/conflict-resolve", server.Owner, new JsonObject { ["proposal_id"] = titleId, ["action"] = "reject" }.ToJsonString());
        Assert.Equal(200, reject.Status);
        var accept = await server.SendAsync(HttpMethod.Post, "/sync/conflict-resolve", server.Owner, new JsonObject { ["proposal_id"] = bodyId, ["action"] = "accept", ["value"] = "ai body, edited" }.ToJsonString());
        Assert.Equal(200, accept.Status);
        var head = await server.HeadAsync("n1");
        Assert.Equal("mine", head.GetProperty("payload").GetProperty("title").GetString());
        Assert.Equal("ai body, edited", head.GetProperty("payload").GetProperty("body").GetString());
        var all = (await server.GetAsync("/sync/proposals?status=all", server.Owner)).Json.EnumerateArray().ToDictionary(p => p.GetProperty("proposal_id").GetString()!, p => p.GetProperty("status").GetString());
        Assert.Equal("rejected", all[titleId!]);
        Assert.Equal("accepted", all[bodyId!]);
        var mobile = await server.SendAsync(HttpMethod.Post, "/sync/conflict-resolve", server.Tokens["mobile"], new JsonObject { ["proposal_id"] = bodyId, ["action"] = "accept" }.ToJsonString());
        Assert.Equal(409, mobile.Status);
    }
}
