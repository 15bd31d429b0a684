using static Realign.Server.Tests.Items;

namespace Realign.Server.Tests;

public abstract partial class SyncApiContract
{
    [BackendTheory]
    [InlineData("{not json")]
    [InlineData("""{"batch_id":"b","items":[{"entity_type":"note","entity_id":"n","truth_level":"one"}]}""")]
    [InlineData("""{"batch_id":"b","items":[{"entity_type":"note","entity_id":"n","truth_level":99999999999999999999999}]}""")]
    [InlineData("""{"batch_id":"b","items":[{"entity_type":"note","entity_id":"n","truth_level":1e400}]}""")]
    [InlineData("""{"batch_id":"b","items":[],"unknown":1}""")]
    [InlineData("""{"batch_id":"b","batch_id":"c","items":[]}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("")]
    public async Task Push_BadJson_BadRequestInvalidJsonNever500(string body)
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var reply = await server.Api.PushAsync(tenant.Owner, body);
        Assert.Equal(400, reply.Status);
        Assert.Equal("invalid-json", reply.Code);
    }

    [BackendTheory]
    [InlineData("{\"title\":\"\\ud800\"}")]
    [InlineData("{\"title\":{\"deep\":[\"ok\",\"\\udfff tail\"]}}")]
    [InlineData("{\"title\":\"x\\ud800\\ud800\"}")]
    public async Task Push_LoneSurrogateInPayload_BadRequestNothingStored(string payload)
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var body = "{\"batch_id\":\"surrogate-" + Guid.NewGuid().ToString("N") + "\",\"items\":[{\"entity_type\":\"note\",\"entity_id\":\"n\",\"truth_level\":1,\"origin_source\":\"user:desktop\",\"last_modified_at\":\"" + At(1) + "\",\"payload\":" + payload + "}]}";
        var reply = await server.Api.PushAsync(tenant.Owner, body);
        Assert.Equal(400, reply.Status);
        Assert.Equal("invalid-item", reply.Code);
        var pull = await server.Api.GetAsync("/sync/pull?since=0", tenant.Owner);
        Assert.Equal(0, pull.Json.GetProperty("items").GetArrayLength());
    }

    [BackendFact]
    public async Task Push_DeepNesting_BadRequest()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var deep = new string('[', 500) + new string(']', 500);
        var body = "{\"batch_id\":\"b\",\"items\":[{\"entity_type\":\"note\",\"entity_id\":\"n\",\"truth_level\":1,\"origin_source\":\"user:desktop\",\"last_modified_at\":\"" + At(1) + "\",\"payload\":{\"x\":" + deep + "}}]}";
        var reply = await server.Api.PushAsync(tenant.Owner, body);
        Assert.Equal(400, reply.Status);
        Assert.Equal("invalid-json", reply.Code);
    }

    [BackendFact]
    public async Task Push_MissingBatchId_BadRequestInvalidRequest()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var reply = await server.Api.PushAsync(tenant.Owner, """{"items":[]}""");
        Assert.Equal(400, reply.Status);
        Assert.Equal("invalid-request", reply.Code);
    }

    [BackendFact]
    public async Task Push_BodyOverLimit_PayloadTooLarge413()
    {
        if (await StartAsync(o => o with { MaxRequestBodyBytes = 4096 }) is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var reply = await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 1, $$"""{"text":"{{new string('x', 10_000)}}"}""")));
        Assert.Equal(413, reply.Status);
        Assert.Equal("payload-too-large", reply.Code);
        Assert.Equal("refused-batch:payload-too-large", (await server.Api.GetAsync("/sync/events", tenant.Owner)).Json[0].GetProperty("kind").GetString());
        Assert.Equal(0, (await server.Api.GetAsync("/sync/pull", tenant.Owner)).Json.GetProperty("items").GetArrayLength());
    }

    [BackendFact]
    public async Task Push_TooManyItemsOrLargePayload_PayloadTooLarge413()
    {
        if (await StartAsync(o => o with { MaxItemsPerBatch = 3, MaxPayloadBytes = 1000 }) is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var many = await server.Api.PushAsync(tenant.Owner, Batch([.. Enumerable.Range(0, 4).Select(i => User($"n{i}", 1, """{"t":1}"""))]));
        Assert.Equal(413, many.Status);
        Assert.Equal(-1, many.Json.GetProperty("errors")[0].GetProperty("index").GetInt32());
        var large = await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 1, $$"""{"text":"{{new string('x', 2000)}}"}""")));
        Assert.Equal(413, large.Status);
        Assert.Equal(0, large.Json.GetProperty("errors")[0].GetProperty("index").GetInt32());
    }

    [BackendFact]
    public async Task Requests_OverRateLimit_TooManyRequestsWithRetryAfter()
    {
        if (await StartAsync(o => o with { RateLimitPermits = 3, RateLimitWindow = TimeSpan.FromMinutes(5) }) is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var statuses = new List<int>();
        Reply? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var reply = await server.Api.GetAsync("/sync/pull", tenant.Owner);
            statuses.Add(reply.Status);
            limited = reply.Status == 429 ? reply : null;
        }

        Assert.NotNull(limited);
        Assert.Equal([200, 200, 200, 429], statuses);
        Assert.Equal("rate-limited", limited.Code);
        Assert.True(limited.RetryAfter > TimeSpan.Zero);
        Assert.Equal(200, (await server.Api.GetAsync("/sync/pull", tenant.Tokens["web"])).Status);
    }

    [BackendTheory]
    [InlineData("/sync/pull?since=abc")]
    [InlineData("/sync/pull?limit=0")]
    [InlineData("/sync/pull?limit=99999999999999999999")]
    [InlineData("/sync/conflicts?status=weird")]
    [InlineData("/sync/events?after=-1")]
    public async Task Get_BadQuery_BadRequest(string path)
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var reply = await server.Api.GetAsync(path, tenant.Owner);
        Assert.Equal(400, reply.Status);
        Assert.Equal("invalid-request", reply.Code);
    }

    [BackendFact]
    public async Task Resolve_BadBody_BadRequestNever500()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        Assert.Equal(400, (await server.Api.SendAsync(HttpMethod.Post, "/sync/conflict-resolve", tenant.Owner, "{]")).Status);
        Assert.Equal(400, (await server.Api.SendAsync(HttpMethod.Post, "/sync/conflict-resolve", tenant.Owner, "{}")).Status);
        Assert.Equal(403, (await server.Api.SendAsync(HttpMethod.Post, "/sync/conflict-resolve", tenant.Tokens["ai-cloud"], "{}")).Status);
    }
}
