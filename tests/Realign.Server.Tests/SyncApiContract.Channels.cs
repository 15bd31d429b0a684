using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Realign.Core.Rules;
using Realign.Storage;
using static Realign.Server.Tests.Items;

namespace Realign.Server.Tests;

public abstract partial class SyncApiContract
{
    private const string ChannelsPath = "/sync/policy/channels";

    /// <summary>A server on a fake clock (no automations, which would wait on it) with a tenant that also has voice and IoT devices.</summary>
    private async Task<(HostedServer Server, TenantUnderTest Tenant, FakeTimeProvider Clock)?> StartChannelsAsync()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        if (await StartAsync(o => o with { Clock = clock, Automations = false }) is not ({ } server, { } tenant))
        {
            return null;
        }

        await AddDeviceAsync(server, tenant, "voice", PrincipalKind.UserDevice, "voice", canAccept: true);
        await AddDeviceAsync(server, tenant, "iot", PrincipalKind.Automation, "iot-kitchen", canAccept: false);
        return (server, tenant, clock);
    }

    private static async Task AddDeviceAsync(HostedServer server, TenantUnderTest tenant, string name, PrincipalKind kind, string channel, bool canAccept)
    {
        var issued = await server.Store.CreateTokenAsync(new TokenRequest(tenant.Id, kind, channel, canAccept, name));
        ((Dictionary<string, string>)tenant.Tokens)[name] = issued.Token;
        ((Dictionary<string, string>)tenant.PrincipalIds)[name] = issued.Principal.PrincipalId;
    }

    private static string Pushed(Reply reply) => reply.Json.GetProperty("results")[0].GetProperty("outcome").GetString()!;

    private static string Resolve(string proposalId, JsonObject? confirmation = null)
    {
        var body = new JsonObject { ["proposal_id"] = proposalId, ["action"] = "accept" };
        if (confirmation is not null)
        {
            body["confirmation"] = confirmation;
        }

        return body.ToJsonString();
    }

    private static string ConfirmedBatch(JsonObject confirmation, params JsonObject[] items) =>
        new JsonObject { ["batch_id"] = Guid.NewGuid().ToString("N"), ["items"] = new JsonArray(items), ["confirmation"] = confirmation }.ToJsonString();

    private static async Task<List<JsonElement>> SecurityEventsAsync(HostedServer server, TenantUnderTest tenant, string kind) =>
        [.. (await server.Api.GetAsync("/security/events?limit=1000", tenant.Owner)).Json.EnumerateArray().Where(e => e.GetProperty("kind").GetString() == kind)];

    [BackendFact]
    public async Task ChannelPolicy_NeverSet_DefaultsOnTheWireAndInAuthMe()
    {
        if (await StartChannelsAsync() is not ({ } server, { } tenant, _)) { return; }
        await using var _ = server;

        var policy = await server.Api.GetAsync(ChannelsPath, tenant.Owner);

        Assert.Equal(200, policy.Status);
        Assert.Equal(JsonValueKind.Null, policy.Json.GetProperty("updated_at").ValueKind);
        var channels = policy.Json.GetProperty("channels");
        foreach (var trusted in new[] { "desktop", "web", "mobile", "cli" })
        {
            Assert.Equal("[1,2,3,4,5]", channels.GetProperty(trusted).GetProperty("levels").GetRawText());
            Assert.Equal("[]", channels.GetProperty(trusted).GetProperty("confirm_levels").GetRawText());
            Assert.Equal("allow", channels.GetProperty(trusted).GetProperty("accept").GetString());
        }

        Assert.Equal("[2]", channels.GetProperty("voice").GetProperty("levels").GetRawText());
        Assert.Equal("[1]", channels.GetProperty("voice").GetProperty("confirm_levels").GetRawText());
        Assert.Equal("confirm", channels.GetProperty("voice").GetProperty("accept").GetString());
        Assert.Equal("[2]", channels.GetProperty("iot").GetProperty("levels").GetRawText());
        Assert.Equal("deny", channels.GetProperty("iot").GetProperty("accept").GetString());
        var voice = await server.Api.GetAsync("/auth/me", tenant.Tokens["voice"]);
        Assert.Equal("[2]", voice.Json.GetProperty("levels").GetRawText());
        Assert.Equal("[1]", voice.Json.GetProperty("confirm_levels").GetRawText());
        Assert.True(voice.Json.GetProperty("accept_needs_confirmation").GetBoolean());
    }

    [BackendTheory]
    [InlineData("owner", "user:desktop")]
    [InlineData("web", "user:web")]
    [InlineData("mobile", "user:mobile")]
    public async Task Defaults_TrustedChannels_WriteUserTruthAsTheyAre(string device, string origin)
    {
        if (await StartChannelsAsync() is not ({ } server, { } tenant, _)) { return; }
        await using var _ = server;

        var push = await server.Api.PushAsync(tenant.Tokens[device], Batch(Item("n1", 1, origin, 1, """{"title":"mine"}""")));

        Assert.Equal(200, push.Status);
        Assert.Equal("applied", Pushed(push));
        var head = await server.HeadAsync("n1", tenant.Owner);
        Assert.Equal(1, head.GetProperty("truth_level").GetInt32());
        Assert.Equal(origin, head.GetProperty("field_stamps").GetProperty("title").GetProperty("source").GetString());
    }

    [BackendTheory]
    [InlineData("voice", "automation:voice")]
    [InlineData("iot", "automation:iot-kitchen")]
    public async Task Defaults_VoiceAndIotOnAUserNote_ArriveAsProposalsWithTheirChannel(string device, string origin)
    {
        if (await StartChannelsAsync() is not ({ } server, { } tenant, _)) { return; }
        await using var _ = server;
        await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 1, """{"title":"mine"}""")));

        var push = await server.Api.PushAsync(tenant.Tokens[device], Batch(Item("n1", 2, origin, 2, """{"title":"said aloud"}""")));

        Assert.Equal(200, push.Status);
        Assert.Equal("proposal", Pushed(push));
        Assert.Equal("mine", (await server.HeadAsync("n1", tenant.Owner)).GetProperty("payload").GetProperty("title").GetString());
        var proposal = (await server.Api.GetAsync("/sync/proposals?status=pending", tenant.Owner)).Json[0];
        Assert.Equal(origin, proposal.GetProperty("source").GetString());
    }

    [BackendTheory]
    [InlineData("voice", "user:voice")]
    [InlineData("iot", "user:iot-kitchen")]
    public async Task Defaults_VoiceAndIotLevelOneWithoutConfirmation_RefusedNothingStoredAndLogged(string device, string origin)
    {
        if (await StartChannelsAsync() is not ({ } server, { } tenant, _)) { return; }
        await using var _ = server;

        var push = await server.Api.PushAsync(tenant.Tokens[device], Batch("unconfirmed", Item("n1", 1, origin, 1, """{"title":"said aloud"}""")));

        Assert.Equal(403, push.Status);
        Assert.Equal("confirmation-required", push.Code);
        Assert.Equal(404, (await server.Api.GetAsync("/sync/entities/note/n1", tenant.Owner)).Status);
        Assert.Contains(await SecurityEventsAsync(server, tenant, "refused-batch:confirmation-required"), e => e.GetProperty("batch_id").GetString() == "unconfirmed");
    }

    [BackendFact]
    public async Task VoiceLevelOne_WithValidTotp_UserTruthStampedUserVoice()
    {
        if (await StartChannelsAsync() is not ({ } server, { } tenant, { } clock)) { return; }
        await using var _ = server;
        var authenticator = await Authenticator.EnrolAsync(server, tenant.Owner, clock);

        var push = await server.Api.PushAsync(tenant.Tokens["voice"], ConfirmedBatch(Authenticator.Totp(authenticator.Code()), Item("n1", 1, "user:voice", 1, """{"title":"said aloud"}""")));

        Assert.True(push.Status == 200, push.Body);
        var head = await server.HeadAsync("n1", tenant.Owner);
        Assert.Equal(1, head.GetProperty("truth_level").GetInt32());
        Assert.Equal("user:voice", head.GetProperty("field_stamps").GetProperty("title").GetProperty("source").GetString());
        Assert.Single(await SecurityEventsAsync(server, tenant, "confirmation-used"));
    }

    [BackendFact]
    public async Task VoiceAccept_WithoutCodeRefused_WithValidCodeUpgradedWithProvenance()
    {
        if (await StartChannelsAsync() is not ({ } server, { } tenant, { } clock)) { return; }
        await using var _ = server;
        var authenticator = await Authenticator.EnrolAsync(server, tenant.Owner, clock);
        await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 1, """{"title":"mine"}""")));
        await server.Api.PushAsync(tenant.Tokens["ai-cloud"], Batch(Ai("n1", 2, """{"title":"suggested"}""")));
        var proposalId = (await server.Api.GetAsync("/sync/proposals?status=pending", tenant.Owner)).Json[0].GetProperty("proposal_id").GetString()!;

        var bare = await server.Api.SendAsync(HttpMethod.Post, "/sync/conflict-resolve", tenant.Tokens["voice"], Resolve(proposalId));
        var pushedAccept = await server.Api.PushAsync(tenant.Tokens["voice"], Batch(Ai("n1", 3, """{"title":"suggested"}""").With("accepted_by_user", true)));

        Assert.Equal(403, bare.Status);
        Assert.Equal("confirmation-required", bare.Code);
        Assert.Equal(403, pushedAccept.Status);
        Assert.Equal("confirmation-required", pushedAccept.Code);
        Assert.Equal("mine", (await server.HeadAsync("n1", tenant.Owner)).GetProperty("payload").GetProperty("title").GetString());

        var confirmed = await server.Api.SendAsync(HttpMethod.Post, "/sync/conflict-resolve", tenant.Tokens["voice"], Resolve(proposalId, Authenticator.Totp(authenticator.Code())));

        Assert.True(confirmed.Status == 200, confirmed.Body);
        var head = await server.HeadAsync("n1", tenant.Owner);
        Assert.Equal("suggested", head.GetProperty("payload").GetProperty("title").GetString());
        Assert.Equal(1, head.GetProperty("truth_level").GetInt32());
        Assert.Equal("user:voice", head.GetProperty("field_stamps").GetProperty("title").GetProperty("source").GetString());
        Assert.Contains(head.GetProperty("origin_chain").EnumerateArray(), step => step.GetProperty("source").GetString() == "ai-cloud:llm");
    }

    [BackendFact]
    public async Task TotpCode_UsedOnce_ReplayForAnotherActionRefusedAsFailure()
    {
        if (await StartChannelsAsync() is not ({ } server, { } tenant, { } clock)) { return; }
        await using var _ = server;
        var authenticator = await Authenticator.EnrolAsync(server, tenant.Owner, clock);
        var code = authenticator.Code();

        var first = await server.Api.PushAsync(tenant.Tokens["voice"], ConfirmedBatch(Authenticator.Totp(code), Item("n1", 1, "user:voice", 1, """{"title":"one"}""")));
        var replay = await server.Api.PushAsync(tenant.Tokens["voice"], ConfirmedBatch(Authenticator.Totp(code), Item("n2", 1, "user:voice", 2, """{"title":"two"}""")));
        clock.Advance(TimeSpan.FromSeconds(10));
        var sameStepLater = await server.Api.PushAsync(tenant.Tokens["voice"], ConfirmedBatch(Authenticator.Totp(code), Item("n3", 1, "user:voice", 3, """{"title":"three"}""")));

        Assert.Equal(200, first.Status);
        Assert.Equal(403, replay.Status);
        Assert.Equal("confirmation-failed", replay.Code);
        Assert.Contains("already used", replay.Body, StringComparison.Ordinal);
        Assert.Equal(403, sameStepLater.Status);
        Assert.Equal(404, (await server.Api.GetAsync("/sync/entities/note/n2", tenant.Owner)).Status);
        Assert.Equal(404, (await server.Api.GetAsync("/sync/entities/note/n3", tenant.Owner)).Status);
        var failures = await SecurityEventsAsync(server, tenant, "confirmation-failed");
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.Contains("\"reason\":\"replayed\"", f.GetProperty("detail").GetRawText().Replace("\\", "", StringComparison.Ordinal), StringComparison.Ordinal));
    }

    [BackendFact]
    public async Task TotpCode_WithinOneStepEachWay_AcceptedButNotTwoStepsAway()
    {
        if (await StartChannelsAsync() is not ({ } server, { } tenant, { } clock)) { return; }
        await using var _ = server;
        var authenticator = await Authenticator.EnrolAsync(server, tenant.Owner, clock);
        var previous = authenticator.Code();
        authenticator.NextStep();

        var late = await server.Api.PushAsync(tenant.Tokens["voice"], ConfirmedBatch(Authenticator.Totp(previous), Item("n1", 1, "user:voice", 1, """{"title":"one"}""")));
        var stale = authenticator.Code();
        authenticator.NextStep();
        authenticator.NextStep();
        var tooOld = await server.Api.PushAsync(tenant.Tokens["voice"], ConfirmedBatch(Authenticator.Totp(stale), Item("n2", 1, "user:voice", 2, """{"title":"two"}""")));

        Assert.True(late.Status == 200, late.Body);
        Assert.Equal(403, tooOld.Status);
        Assert.Equal("confirmation-failed", tooOld.Code);
    }

    [BackendFact]
    public async Task FiveFailures_LockOutEvenAValidCode_ReleasedAfterTheDelayWhichGrows()
    {
        if (await StartChannelsAsync() is not ({ } server, { } tenant, { } clock)) { return; }
        await using var _ = server;
        var authenticator = await Authenticator.EnrolAsync(server, tenant.Owner, clock);
        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await server.Api.PushAsync(tenant.Tokens["voice"], ConfirmedBatch(Authenticator.Totp("000000"), Item("n1", 1, "user:voice", 1, """{"title":"x"}""")))).Status);
        }

        var locked = await server.Api.PushAsync(tenant.Tokens["voice"], ConfirmedBatch(Authenticator.Totp(authenticator.Code()), Item("n1", 1, "user:voice", 1, """{"title":"x"}""")));

        Assert.Equal([403, 403, 403, 403, 429], statuses);
        Assert.Equal(429, locked.Status);
        Assert.Equal("confirmation-locked", locked.Code);
        Assert.NotNull(locked.RetryAfter);
        Assert.Equal(404, (await server.Api.GetAsync("/sync/entities/note/n1", tenant.Owner)).Status);
        Assert.Equal(5, (await SecurityEventsAsync(server, tenant, "confirmation-failed")).Count);
        Assert.Single(await SecurityEventsAsync(server, tenant, "confirmation-lockout"));
        Assert.Single(await SecurityEventsAsync(server, tenant, "confirmation-locked"));
        var status = await server.Api.GetAsync("/sync/confirm", tenant.Owner);
        Assert.NotEqual(JsonValueKind.Null, status.Json.GetProperty("locked_until").ValueKind);

        // The first lockout lasts a minute: after it a valid code works again. A second run of failures locks for two.
        clock.Advance(TimeSpan.FromSeconds(61));
        for (var i = 0; i < 5; i++)
        {
            await server.Api.PushAsync(tenant.Tokens["voice"], ConfirmedBatch(Authenticator.Totp("000000"), Item("n1", 1, "user:voice", 1, """{"title":"x"}""")));
        }

        clock.Advance(TimeSpan.FromSeconds(61));
        var stillLocked = await server.Api.PushAsync(tenant.Tokens["voice"], ConfirmedBatch(Authenticator.Totp(authenticator.Code()), Item("n1", 1, "user:voice", 1, """{"title":"x"}""")));
        clock.Advance(TimeSpan.FromSeconds(60));
        var released = await server.Api.PushAsync(tenant.Tokens["voice"], ConfirmedBatch(Authenticator.Totp(authenticator.Code()), Item("n1", 1, "user:voice", 1, """{"title":"released"}""")));

        Assert.Equal(429, stillLocked.Status);
        Assert.True(released.Status == 200, released.Body);
        Assert.Equal("released", (await server.HeadAsync("n1", tenant.Owner)).GetProperty("payload").GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, (await server.Api.GetAsync("/sync/confirm", tenant.Owner)).Json.GetProperty("locked_until").ValueKind);
    }

    [BackendFact]
    public async Task Pin_SetThenConfirmsVoiceWrite_WrongPinCountsAndChangeNeedsTheOldOne()
    {
        if (await StartChannelsAsync() is not ({ } server, { } tenant, _)) { return; }
        await using var _ = server;
        var weak = await server.Api.SendAsync(HttpMethod.Put, "/sync/confirm/pin", tenant.Owner, """{"pin":"1234"}""");
        var set = await server.Api.SendAsync(HttpMethod.Put, "/sync/confirm/pin", tenant.Owner, """{"pin":"4071"}""");

        var wrong = await server.Api.PushAsync(tenant.Tokens["voice"], ConfirmedBatch(Authenticator.Pin("4072"), Item("n1", 1, "user:voice", 1, """{"title":"x"}""")));
        var right = await server.Api.PushAsync(tenant.Tokens["voice"], ConfirmedBatch(Authenticator.Pin("4071"), Item("n1", 1, "user:voice", 1, """{"title":"said"}""")));
        var changeWithout = await server.Api.SendAsync(HttpMethod.Put, "/sync/confirm/pin", tenant.Owner, """{"pin":"5820"}""");
        var changeWith = await server.Api.SendAsync(HttpMethod.Put, "/sync/confirm/pin", tenant.Owner, """{"pin":"5820","confirmation":{"pin":"4071"}}""");

        Assert.Equal(400, weak.Status);
        Assert.True(set.Status == 200 && set.Json.GetProperty("pin").GetBoolean(), set.Body);
        Assert.Equal(403, wrong.Status);
        Assert.Equal("confirmation-failed", wrong.Code);
        Assert.True(right.Status == 200, right.Body);
        Assert.Equal(403, changeWithout.Status);
        Assert.Equal("confirmation-required", changeWithout.Code);
        Assert.Equal(200, changeWith.Status);
        Assert.Equal(0, (await server.Api.GetAsync("/sync/confirm", tenant.Owner)).Json.GetProperty("failures").GetInt32());
    }

    [BackendFact]
    public async Task ConfirmationSecrets_StoredSealedNotInPlainText()
    {
        if (await StartChannelsAsync() is not ({ } server, { } tenant, _)) { return; }
        await using var _ = server;
        var start = await server.Api.SendAsync(HttpMethod.Post, "/sync/confirm/totp", tenant.Owner, "{}");
        await server.Api.SendAsync(HttpMethod.Put, "/sync/confirm/pin", tenant.Owner, """{"pin":"4071"}""");
        var secret = start.Json.GetProperty("secret").GetString()!;

        var state = await server.Store.GetConfirmStateAsync(tenant.Id);

        Assert.Equal(2, state.Factors.Count);
        Assert.All(state.Factors.Values, f => Assert.StartsWith("v1.", f.Secret, StringComparison.Ordinal));
        Assert.All(state.Factors.Values, f => Assert.DoesNotContain(secret, f.Secret, StringComparison.Ordinal));
        Assert.DoesNotContain("4071", state.Factor("pin")!.Secret, StringComparison.Ordinal);
        Assert.DoesNotContain("pbkdf2", state.Factor("pin")!.Secret, StringComparison.Ordinal);
    }

    [BackendTheory]
    [InlineData("mobile")]
    [InlineData("voice")]
    [InlineData("iot")]
    [InlineData("automation")]
    [InlineData("ai-cloud")]
    public async Task ChannelPolicyChange_ByNonOwner_RefusedLoggedNothingChanged(string device)
    {
        if (await StartChannelsAsync() is not ({ } server, { } tenant, _)) { return; }
        await using var _ = server;

        var put = await server.Api.SendAsync(HttpMethod.Put, ChannelsPath, tenant.Tokens[device], """{"channels":{"voice":{"levels":[1,2]}}}""");

        Assert.Equal(403, put.Status);
        Assert.Equal("forbidden", put.Code);
        Assert.Equal(JsonValueKind.Null, (await server.Api.GetAsync(ChannelsPath, tenant.Owner)).Json.GetProperty("updated_at").ValueKind);
        Assert.Single(await SecurityEventsAsync(server, tenant, "refused-channels:forbidden"));
    }

    [BackendFact]
    public async Task ChannelPolicyChange_ByOwner_TakesEffectOnTheNextPushAndIsLogged()
    {
        if (await StartChannelsAsync() is not ({ } server, { } tenant, _)) { return; }
        await using var _ = server;

        var put = await server.Api.SendAsync(HttpMethod.Put, ChannelsPath, tenant.Owner, """{"channels":{"voice":{"levels":[1,2],"confirm_levels":[]},"mobile":{"levels":[2,3,4,5],"confirm_levels":[1]}}}""");
        var voice = await server.Api.PushAsync(tenant.Tokens["voice"], Batch(Item("n1", 1, "user:voice", 1, """{"title":"said"}""")));
        var mobile = await server.Api.PushAsync(tenant.Tokens["mobile"], Batch(Item("n2", 1, "user:mobile", 1, """{"title":"typed"}""")));

        Assert.True(put.Status == 200, put.Body);
        Assert.Equal("[1,2]", put.Json.GetProperty("channels").GetProperty("voice").GetProperty("levels").GetRawText());
        Assert.Equal("confirm", put.Json.GetProperty("channels").GetProperty("voice").GetProperty("accept").GetString());
        Assert.Equal(200, voice.Status);
        Assert.Equal(403, mobile.Status);
        Assert.Equal("confirmation-required", mobile.Code);
        var changed = Assert.Single(await SecurityEventsAsync(server, tenant, "channels-changed"));
        Assert.Contains("mobile", changed.GetProperty("detail").GetRawText(), StringComparison.Ordinal);
    }

    [BackendTheory]
    [InlineData("""{"channels":{"radio":{"levels":[1]}}}""", "channels.radio")]
    [InlineData("""{"channels":{"voice":{"levels":[1,9]}}}""", "channels.voice.levels")]
    [InlineData("""{"channels":{"voice":{"levels":[1],"confirm_levels":[1]}}}""", "channels.voice")]
    [InlineData("""{"channels":{"voice":{"accept":"sometimes"}}}""", "channels.voice.accept")]
    [InlineData("""{"channels":{"iot":{"accept":"allow"}}}""", "channels.iot")]
    [InlineData("""{"channels":{}}""", "channels")]
    public async Task ChannelPolicyChange_Malformed_400NamingTheFieldNothingChanged(string body, string field)
    {
        if (await StartChannelsAsync() is not ({ } server, { } tenant, _)) { return; }
        await using var _ = server;

        var put = await server.Api.SendAsync(HttpMethod.Put, ChannelsPath, tenant.Owner, body);

        Assert.Equal(400, put.Status);
        Assert.Contains(put.Json.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
        Assert.Equal(JsonValueKind.Null, (await server.Api.GetAsync(ChannelsPath, tenant.Owner)).Json.GetProperty("updated_at").ValueKind);
    }

    [BackendFact]
    public async Task ChannelPolicyChange_TakingOwnChannelsOwnerRights_Refused409()
    {
        if (await StartChannelsAsync() is not ({ } server, { } tenant, _)) { return; }
        await using var _ = server;

        var put = await server.Api.SendAsync(HttpMethod.Put, ChannelsPath, tenant.Owner, """{"channels":{"desktop":{"accept":"confirm"}}}""");
        var fromWeb = await server.Api.SendAsync(HttpMethod.Put, ChannelsPath, tenant.Tokens["web"], """{"channels":{"desktop":{"accept":"confirm"}}}""");

        Assert.Equal(409, put.Status);
        Assert.Equal(200, fromWeb.Status);
    }

    [BackendFact]
    public async Task Devices_ListedWithChannelAndLastSync_RenamedAndRevokedTokenRefused()
    {
        if (await StartChannelsAsync() is not ({ } server, { } tenant, _)) { return; }
        await using var _ = server;
        await server.Api.GetAsync("/sync/pull?since=0", tenant.Tokens["voice"]);

        var devices = await server.Api.GetAsync("/sync/devices", tenant.Owner);
        var byMobile = await server.Api.GetAsync("/sync/devices", tenant.Tokens["mobile"]);
        var voiceId = tenant.PrincipalIds["voice"];
        var rename = await server.Api.SendAsync(new HttpMethod("PATCH"), $"/sync/devices/{voiceId}", tenant.Owner, """{"label":"kitchen speaker"}""");
        var revoke = await server.Api.SendAsync(HttpMethod.Delete, $"/sync/devices/{voiceId}", tenant.Owner);
        var after = await server.Api.GetAsync("/sync/pull?since=0", tenant.Tokens["voice"]);

        Assert.Equal(200, devices.Status);
        var voice = devices.Json.EnumerateArray().Single(d => d.GetProperty("principal_id").GetString() == voiceId);
        Assert.Equal("voice", voice.GetProperty("channel").GetString());
        Assert.NotEqual(JsonValueKind.Null, voice.GetProperty("last_sync_at").ValueKind);
        Assert.True(devices.Json.EnumerateArray().Single(d => d.GetProperty("principal_id").GetString() == tenant.PrincipalIds["owner"]).GetProperty("this_device").GetBoolean());
        Assert.Equal("iot-kitchen", devices.Json.EnumerateArray().Single(d => d.GetProperty("principal_id").GetString() == tenant.PrincipalIds["iot"]).GetProperty("channel").GetString());
        Assert.Equal(403, byMobile.Status);
        Assert.Equal("kitchen speaker", rename.Json.GetProperty("label").GetString());
        Assert.Equal(204, revoke.Status);
        Assert.Equal(401, after.Status);
        Assert.Single(await SecurityEventsAsync(server, tenant, "device-revoked"));
    }
}
