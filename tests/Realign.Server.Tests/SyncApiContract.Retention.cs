using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Realign.Server.Retention;
using static Realign.Server.Tests.Items;

namespace Realign.Server.Tests;

/// <summary>Retention (docs/operations.md, "Retention"): history older than the horizon goes, what is newer or still needed
/// stays, a client behind the new purge horizon is told to resync, and one server runs the job per interval.</summary>
public abstract partial class SyncApiContract
{
    [BackendFact]
    public async Task Retention_RemovesHistoryPastTheHorizon_KeepsTheRest_AndAClientBehindItResyncs()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        if (await StartAsync(o => o with { Clock = clock, Automations = false, RetentionJob = false, Retention = TimeSpan.FromDays(30) }) is not ({ } server, { } tenant))
        {
            return;
        }

        // History made 40 days ago: two notes, one deleted since; an AI proposal that was rejected; a usage record; a refused batch.
        Assert.Equal(200, (await server.Api.PushAsync(tenant.Owner, Batch(User("kept", 1, """{"title":"kept"}"""), User("gone", 2, """{"title":"gone"}""")))).Status);
        Assert.Equal(200, (await server.Api.PushAsync(tenant.Owner, Batch(User("gone", 3, "{}").With("deleted", true)))).Status);
        Assert.Equal(200, (await server.Api.PushAsync(tenant.Tokens["ai-cloud"], Batch(Ai("kept", 4, """{"title":"an AI title"}"""), Item("usage-1", 5, "ai-cloud:llm", 5, """{"job":"summarize","tokens_in":3}""", "ai-usage")))).Status);
        var rejected = (await server.Api.GetAsync("/sync/proposals?status=pending", tenant.Owner)).Json[0].GetProperty("proposal_id").GetString()!;
        Assert.Equal(200, (await server.Api.SendAsync(HttpMethod.Post, "/sync/conflict-resolve", tenant.Owner, new JsonObject { ["proposal_id"] = rejected, ["action"] = "reject" }.ToJsonString())).Status);
        Assert.Equal(400, (await server.Api.PushAsync(tenant.Owner, Batch(Item("bad", 9, "user:desktop", 6, "{}")))).Status);
        var oldCursor = (await server.Api.GetAsync("/sync/pull?since=0", tenant.Owner)).Json.GetProperty("next_cursor").GetInt64();

        // Forty days on: a new note, a new tombstone and a new pending proposal, all inside the horizon.
        clock.Advance(TimeSpan.FromDays(40));
        Assert.Equal(200, (await server.Api.PushAsync(tenant.Owner, Batch(User("fresh", 7, """{"title":"fresh"}"""), User("fresh-gone", 8, """{"title":"x"}""")))).Status);
        Assert.Equal(200, (await server.Api.PushAsync(tenant.Owner, Batch(User("fresh-gone", 9, "{}").With("deleted", true)))).Status);
        Assert.Equal(200, (await server.Api.PushAsync(tenant.Tokens["ai-cloud"], Batch(Ai("fresh", 10, """{"title":"another AI title"}""")))).Status);
        Assert.Equal(400, (await server.Api.PushAsync(tenant.Owner, Batch(Item("bad-again", 9, "user:desktop", 11, "{}")))).Status);

        var retention = server.Host.Services.GetRequiredService<RetentionService>();
        var run = (await retention.RunPassAsync(CancellationToken.None)).Single(r => r.TenantId == tenant.Id);

        Assert.True((1, 1, 1, 0) == (run.Tombstones, run.UsageRecords, run.Proposals, run.Conflicts), run.ToString());
        Assert.True(run.Events >= 1, "the old refused batch's event is gone");
        Assert.Equal(3, run.Batches);
        Assert.True(run.PurgedSeq > 0 && run.PurgedSeq <= oldCursor, $"the horizon {run.PurgedSeq} stops at the history removed (cursor then {oldCursor})");

        // A client behind the horizon is told to resync; one past it pulls on; a pull from 0 has what stays.
        var behind = await server.Api.GetAsync("/sync/pull?since=1", tenant.Owner);
        Assert.Equal((410, "resync-required"), (behind.Status, behind.Code));
        Assert.Equal(200, (await server.Api.GetAsync($"/sync/pull?since={oldCursor}", tenant.Owner)).Status);
        var all = (await server.Api.GetAsync("/sync/pull?since=0", tenant.Owner)).Json.GetProperty("items").EnumerateArray()
            .Select(h => (h.GetProperty("entity_id").GetString(), h.GetProperty("deleted").GetBoolean())).ToHashSet();
        Assert.Equal([("fresh", false), ("fresh-gone", true), ("kept", false)], all.Order());
        var proposals = (await server.Api.GetAsync("/sync/proposals?status=all", tenant.Owner)).Json.EnumerateArray().Select(p => p.GetProperty("status").GetString()).ToList();
        Assert.Equal(["pending"], proposals);
        Assert.Equal(0, (await server.Api.GetAsync("/sync/events?newest=100", tenant.Owner)).Json.EnumerateArray()
            .Count(e => DateTimeOffset.Parse(e.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture) < clock.GetUtcNow().AddDays(-30)));

        // A second pass finds nothing more.
        Assert.Equal(0, (await retention.RunPassAsync(CancellationToken.None)).Single(r => r.TenantId == tenant.Id).Total);
    }

    [BackendFact]
    public async Task Retention_RunsOnOneServerPerInterval_AcrossTheServersOfAStore()
    {
        // A store of its own: the job's row is store-wide, and other tests of this class share their database.
        if (StoreOptions() is null)
        {
            return;
        }

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var first = await HostedServer.StartAsync(StoreOptions()!.PostgresConnectionString is null ? Backend.Sqlite : Backend.Postgres, new RealignServerOptions { Clock = clock, Automations = false, RetentionJob = false });
        await using var second = await HostedServer.StartAsync(new RealignServerOptions { Store = first.Store, Clock = clock, Automations = false, RetentionJob = false });
        var a = first.Host.Services.GetRequiredService<RetentionService>();
        var b = second.Host.Services.GetRequiredService<RetentionService>();

        var both = await Task.WhenAll(a.RunIfDueAsync(CancellationToken.None), b.RunIfDueAsync(CancellationToken.None));
        Assert.Single(both, r => r is not null);
        Assert.Null(await a.RunIfDueAsync(CancellationToken.None));
        Assert.Null(await b.RunIfDueAsync(CancellationToken.None));

        clock.Advance(TimeSpan.FromHours(1));
        Assert.NotNull(await b.RunIfDueAsync(CancellationToken.None));
        Assert.Null(await a.RunIfDueAsync(CancellationToken.None));
    }
}
