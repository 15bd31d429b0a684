using System.Text.Json;

namespace Realign.Server.Tests;

public abstract partial class SyncApiContract
{
    [BackendFact]
    public async Task Events_Newest_LastRowsNewestFirst_AndAloneOnly()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        for (var i = 0; i < 5; i++)
        {
            // Each push as a level-2 user origin is refused and leaves one sync or security row.
            await server.Api.PushAsync(tenant.Owner, $$$"""{"batch_id":"bad-{{{i}}}","items":[{"entity_type":"note","entity_id":"n{{{i}}}","truth_level":2,"origin_source":"user:desktop","last_modified_at":"2026-01-01T00:00:00.000000Z","payload":{"title":"x"}}]}""");
        }

        foreach (var log in new[] { "/sync/events", "/security/events" })
        {
            var all = (await server.Api.GetAsync(log + "?limit=1000", tenant.Owner)).Json.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
            var newest = await server.Api.GetAsync(log + "?newest=3", tenant.Owner);
            Assert.Equal(200, newest.Status);
            Assert.Equal(all.AsEnumerable().Reverse().Take(3), newest.Json.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
            Assert.Equal(400, (await server.Api.GetAsync(log + "?newest=3&after=1", tenant.Owner)).Status);
            Assert.Equal(400, (await server.Api.GetAsync(log + "?newest=0", tenant.Owner)).Status);
        }

        var rows = (await server.Api.GetAsync("/sync/events?limit=1000", tenant.Owner)).Json.GetArrayLength() + (await server.Api.GetAsync("/security/events?limit=1000", tenant.Owner)).Json.GetArrayLength();
        Assert.True(rows >= 5, $"{rows} rows");
        Assert.Equal(JsonValueKind.Array, (await server.Api.GetAsync("/security/events?newest=1000000", tenant.Owner)).Json.ValueKind);
    }
}
