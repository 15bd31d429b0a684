using System.Text;
using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Core.Truth;
using static Realign.Storage.Tests.Writes;

namespace Realign.Storage.Tests;

public abstract partial class ReplicaStoreContract
{
    private static readonly Resolver WebUser = new("user:web", true, T(500));

    private static Write Typed(string tenant, string type, string id, TruthLevel level, int second, string origin, params (string Field, string Json)[] fields) =>
        new(new EntityKey(tenant, type, id), new Stamp(level, T(second), origin), fields.Select(f => new KeyValuePair<string, string>(f.Field, f.Json)).ToList());

    private static SyncItem Parse(ChangedHead head) => JsonSerializer.Deserialize(head.HeadUtf8.Span, RealignJsonContext.Default.SyncItem)!;

    private static List<string> Keys(IEnumerable<ChangedHead> heads) => [.. heads.Select(Parse).Select(i => $"{i.EntityType}/{i.EntityId}")];

    /// <summary>Every head of the tenant by sequence, as text: the whole of what a plan could have changed.</summary>
    private static async Task<List<string>> SnapshotAsync(IReplicaStore store, string tenant) =>
        [.. (await store.ReadChangesAsync(tenant, 0, 1000).ToListAsync()).Select(c => $"{c.Seq}:{Encoding.UTF8.GetString(c.HeadUtf8.Span)}")];

    /// <summary>A tenant of user notes, suggested notes and tasks, a mixed note, deleted entities, beside another tenant's.</summary>
    private static async Task SeedBrowseAsync(IReplicaStore store, string tenant, string other)
    {
        await store.ApplyBatchAsync(Batch(tenant,
            User(tenant, "n1", 1, ("title", "\"mine\"")),
            User(tenant, "n2", 1, ("title", "\"mine too\"")),
            Typed(tenant, "note", "s1", TruthLevel.AiCloud, 2, "ai-cloud:llm", ("title", "\"draft\"")),
            Typed(tenant, "task", "t1", TruthLevel.AiLocal, 2, "ai-local:x", ("title", "\"call Bob\""), ("due", "\"2026-11-02\"")),
            Typed(tenant, "task", "t2", TruthLevel.Automation, 2, "automation:weekly", ("title", "\"review\"")),
            Typed(tenant, "task", "t3", TruthLevel.AiLan, 2, "ai-lan:box", ("title", "\"water plants\"")),
            Typed(tenant, "note", "m1", TruthLevel.AiLocal, 2, "ai-local:x", ("body", "\"found\"")),
            Typed(tenant, "note", "d1", TruthLevel.AiLocal, 2, "ai-local:x", ("title", "\"gone\"")),
            User(tenant, "d2", 1, ("title", "\"gone too\""))));
        await store.ApplyBatchAsync(Batch(tenant,
            User(tenant, "m1", 3, ("title", "\"named by me\"")),
            Delete(tenant, "d1", TruthLevel.AiLocal, 3, "ai-local:x"),
            Delete(tenant, "d2", TruthLevel.User, 3, "user:desktop")));
        await store.ApplyBatchAsync(Batch(other,
            Typed(other, "task", "t1", TruthLevel.AiLocal, 2, "ai-local:x", ("title", "\"theirs\"")),
            Typed(other, "note", "a0", TruthLevel.AiCloud, 2, "ai-cloud:llm", ("title", "\"theirs\"")),
            User(other, "n0", 1, ("title", "\"theirs\""))));
    }

    private async Task<(IReplicaStore Store, string Tenant, string Other)?> BrowseTenantsAsync()
    {
        if (await TenantAsync() is not var (store, tenant))
        {
            return null;
        }

        var other = (await store.CreateTenantAsync("other-" + Guid.NewGuid().ToString("N")[..8], VaultMode.CloudFirst)).Id;
        await SeedBrowseAsync(store, tenant, other);
        return (store, tenant, other);
    }

    [BackendFact]
    public async Task BrowseEntities_BelowUserOnly_OnlyLiveSuggestionsOfThisTenant_ByTypeThenId()
    {
        if (await BrowseTenantsAsync() is not var (store, tenant, _)) { return; }
        await using var _ = store;

        var heads = await store.BrowseEntitiesAsync(tenant, null, belowUserOnly: true, after: null, limit: 100).ToListAsync();

        Assert.Equal(["note/s1", "task/t1", "task/t2", "task/t3"], Keys(heads));
        var items = heads.Select(Parse).ToList();
        Assert.All(items, i => Assert.Equal(tenant, i.TenantId));
        Assert.All(items, i => Assert.False(i.Deleted));
        Assert.Equal([5, 3, 2, 4], items.Select(i => i.TruthLevel!.Value));
        var seqs = (await store.ReadChangesAsync(tenant, 0, 1000).ToListAsync()).ToDictionary(c => Keys([c])[0], c => c.Seq);
        Assert.Equal(Keys(heads).Select(k => seqs[k]), heads.Select(h => h.Seq));
    }

    [BackendFact]
    public async Task BrowseEntities_BelowUserOnly_LeavesOutDerivedRecords_SoThousandsOfThemNeverFillAPage()
    {
        if (await BrowseTenantsAsync() is not var (store, tenant, _)) { return; }
        await using var _ = store;
        var usage = Enumerable.Range(0, 30).Select(i => Typed(tenant, "ai-usage", $"u{i:D3}", TruthLevel.AiLocal, 4, "ai-local:builtin", ("job", "\"tags\""))).ToArray();
        await store.ApplyBatchAsync(Batch(tenant, [.. usage, Typed(tenant, "summary", "sum1", TruthLevel.AiLocal, 4, "ai-local:builtin", ("text", "\"short\""))]));

        var firstPage = await store.BrowseEntitiesAsync(tenant, null, belowUserOnly: true, after: null, limit: 4).ToListAsync();

        Assert.Equal(["note/s1", "task/t1", "task/t2", "task/t3"], Keys(firstPage));
        Assert.Equal(31, (await store.BrowseEntitiesAsync(tenant, null, belowUserOnly: false, after: null, limit: 1000).ToListAsync()).Count(h => Parse(h).EntityType is "ai-usage" or "summary"));
    }

    [BackendFact]
    public async Task BrowseEntities_AllLive_EveryLiveEntityOfThisTenant_ByTypeThenId()
    {
        if (await BrowseTenantsAsync() is not var (store, tenant, _)) { return; }
        await using var _ = store;

        var heads = await store.BrowseEntitiesAsync(tenant, null, belowUserOnly: false, after: null, limit: 100).ToListAsync();

        Assert.Equal(["note/m1", "note/n1", "note/n2", "note/s1", "task/t1", "task/t2", "task/t3"], Keys(heads));
        Assert.Equal([1, 1, 1, 5, 3, 2, 4], heads.Select(h => Parse(h).TruthLevel!.Value));
        Assert.All(heads.Select(Parse), i => Assert.Equal(tenant, i.TenantId));
    }

    [BackendFact]
    public async Task BrowseEntities_EntityType_OnlyThatType()
    {
        if (await BrowseTenantsAsync() is not var (store, tenant, _)) { return; }
        await using var _ = store;

        Assert.Equal(["note/m1", "note/n1", "note/n2", "note/s1"], Keys(await store.BrowseEntitiesAsync(tenant, "note", false, null, 100).ToListAsync()));
        Assert.Equal(["note/s1"], Keys(await store.BrowseEntitiesAsync(tenant, "note", true, null, 100).ToListAsync()));
        Assert.Equal(["task/t1", "task/t2", "task/t3"], Keys(await store.BrowseEntitiesAsync(tenant, "task", true, null, 100).ToListAsync()));
        Assert.Empty(await store.BrowseEntitiesAsync(tenant, "automation", false, null, 100).ToListAsync());
    }

    [BackendFact]
    public async Task BrowseEntities_PagesOfTwo_WalkEverythingOnceInOrder()
    {
        if (await BrowseTenantsAsync() is not var (store, tenant, _)) { return; }
        await using var _ = store;

        foreach (var (type, belowUser) in new (string?, bool)[] { (null, false), (null, true), ("note", false), ("task", true) })
        {
            var all = Keys(await store.BrowseEntitiesAsync(tenant, type, belowUser, null, 100).ToListAsync());
            var walked = new List<string>();
            (string, string)? after = null;
            for (var pages = 0; ; pages++)
            {
                Assert.True(pages <= all.Count, "the walk does not end");
                var page = await store.BrowseEntitiesAsync(tenant, type, belowUser, after, 2).ToListAsync();
                Assert.InRange(page.Count, 0, 2);
                if (page.Count == 0)
                {
                    break;
                }

                walked.AddRange(Keys(page));
                var last = Parse(page[^1]);
                after = (last.EntityType!, last.EntityId!);
            }

            Assert.Equal(all, walked);
            Assert.Equal(walked.Count, walked.Distinct().Count());
        }
    }

    [BackendFact]
    public async Task BrowseEntities_AfterCrossesTypes_ComparesTypeThenId()
    {
        if (await BrowseTenantsAsync() is not var (store, tenant, _)) { return; }
        await using var _ = store;

        Assert.Equal(["task/t1", "task/t2", "task/t3"], Keys(await store.BrowseEntitiesAsync(tenant, null, false, ("note", "zzz"), 100).ToListAsync()));
        Assert.Equal(["note/s1", "task/t1"], Keys(await store.BrowseEntitiesAsync(tenant, null, false, ("note", "n2"), 2).ToListAsync()));
        Assert.Equal(["task/t2", "task/t3"], Keys(await store.BrowseEntitiesAsync(tenant, null, true, ("task", "t1"), 100).ToListAsync()));
        Assert.Empty(await store.BrowseEntitiesAsync(tenant, null, false, ("task", "t3"), 100).ToListAsync());
    }

    [BackendFact]
    public async Task BrowseEntities_OtherTenant_SeesOnlyItsOwn()
    {
        if (await BrowseTenantsAsync() is not var (store, tenant, other)) { return; }
        await using var _ = store;

        Assert.Equal(["note/a0", "task/t1"], Keys(await store.BrowseEntitiesAsync(other, null, true, null, 100).ToListAsync()));
        var all = await store.BrowseEntitiesAsync(other, null, false, null, 100).ToListAsync();
        Assert.Equal(["note/a0", "note/n0", "task/t1"], Keys(all));
        Assert.All(all.Select(Parse), i => Assert.Equal(other, i.TenantId));
        Assert.Equal("theirs", Parse(all[^1]).Payload!.Value.GetProperty("title").GetString());
        Assert.Empty(await store.BrowseEntitiesAsync("no-such-tenant", null, false, null, 100).ToListAsync());
        Assert.DoesNotContain(Keys(await store.BrowseEntitiesAsync(tenant, null, false, null, 100).ToListAsync()), k => k is "note/a0" or "note/n0");
    }

    [BackendFact]
    public async Task ApplyPlanned_PromoteSuggestion_EveryFieldLevelOneAcceptedFromTheSuggester()
    {
        if (await BrowseTenantsAsync() is not var (store, tenant, _)) { return; }
        await using var _ = store;
        var key = new EntityKey(tenant, "task", "t1");
        var before = (await store.GetEntityAsync(key))!;
        var cursor = (await store.FindTenantAsync(tenant))!.Seq;
        long? seenVersion = null;

        var result = await store.ApplyPlannedAsync(new PlannedWrite(key, "pr_web", state =>
        {
            seenVersion = state.Version;
            return Resolutions.PromoteEntity(state, null, WebUser);
        }, T(1000)));

        Assert.Equal(before.Version, seenVersion);
        Assert.Equal((ItemOutcome.Applied, before.Version!.Value + 1, "task", "t1"), (result.Outcome, result.Version, result.EntityType, result.EntityId));
        var head = (await store.GetEntityAsync(key))!;
        Assert.Equal(before.Version + 1, head.Version);
        Assert.Equal(1, head.TruthLevel);
        Assert.True(head.AcceptedByUser);
        Assert.Equal("call Bob", head.Payload!.Value.GetProperty("title").GetString());
        Assert.Equal("2026-11-02", head.Payload!.Value.GetProperty("due").GetString());
        foreach (var field in new[] { "title", "due" })
        {
            var stamp = head.FieldStamps![field];
            Assert.Equal((1, "user:web", "ai-local:x"), (stamp.Level, stamp.Source, stamp.AcceptedFrom));
        }

        Assert.Equal(cursor + 1, (await store.FindTenantAsync(tenant))!.Seq);
        Assert.Equal(["note/s1", "task/t2", "task/t3"], Keys(await store.BrowseEntitiesAsync(tenant, null, true, null, 100).ToListAsync()));
        Assert.Contains("task/t1", Keys(await store.BrowseEntitiesAsync(tenant, null, false, null, 100).ToListAsync()));
    }

    [BackendFact]
    public async Task ApplyPlanned_PromoteWithEdits_EditedValuesAtLevelOne()
    {
        if (await BrowseTenantsAsync() is not var (store, tenant, _)) { return; }
        await using var _ = store;
        var key = new EntityKey(tenant, "task", "t2");

        await store.ApplyPlannedAsync(new PlannedWrite(key, "pr_web", state => Resolutions.PromoteEntity(state, [new("title", "\"review, edited\""), new("done", "false")], WebUser), T(1000)));

        var head = (await store.GetEntityAsync(key))!;
        Assert.Equal("review, edited", head.Payload!.Value.GetProperty("title").GetString());
        Assert.False(head.Payload!.Value.GetProperty("done").GetBoolean());
        Assert.All(new[] { "title", "done" }, f => Assert.Equal((1, "automation:weekly"), (head.FieldStamps![f].Level, head.FieldStamps[f].AcceptedFrom)));
        Assert.DoesNotContain("task/t2", Keys(await store.BrowseEntitiesAsync(tenant, "task", true, null, 100).ToListAsync()));
    }

    [BackendFact]
    public async Task ApplyPlanned_DiscardSuggestion_DeletedAndNoLongerBrowsed()
    {
        if (await BrowseTenantsAsync() is not var (store, tenant, _)) { return; }
        await using var _ = store;
        var key = new EntityKey(tenant, "note", "s1");
        var before = (await store.GetEntityAsync(key))!;

        var result = await store.ApplyPlannedAsync(new PlannedWrite(key, "pr_web", state => Resolutions.DiscardEntity(state, WebUser), T(1000)));

        Assert.Equal((ItemOutcome.Applied, before.Version!.Value + 1), (result.Outcome, result.Version));
        var head = (await store.GetEntityAsync(key))!;
        Assert.True(head.Deleted);
        Assert.Equal((1, "user:web"), (head.FieldStamps![EntityState.DeletedField].Level, head.FieldStamps[EntityState.DeletedField].Source));
        Assert.DoesNotContain("note/s1", Keys(await store.BrowseEntitiesAsync(tenant, null, true, null, 100).ToListAsync()));
        Assert.DoesNotContain("note/s1", Keys(await store.BrowseEntitiesAsync(tenant, null, false, null, 100).ToListAsync()));
        var again = await Assert.ThrowsAsync<ReplicaStoreException>(() => store.ApplyPlannedAsync(new PlannedWrite(key, "pr_web", state => Resolutions.DiscardEntity(state, WebUser), T(1001))));
        Assert.Equal(Resolutions.InvalidRequest, again.Code);
    }

    [BackendFact]
    public async Task ApplyPlanned_RestoreValue_UndoesAnAcceptWithAPlainUserValue()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        var key = new EntityKey(tenant, "note", "a");
        await store.ApplyBatchAsync(Batch(tenant, User(tenant, "a", 1, ("title", "\"mine\""))));
        await store.ApplyBatchAsync(Batch(tenant, Ai(tenant, "a", 2, ("title", "\"better\""))));
        var proposal = Assert.Single(await store.ListProposalsAsync(tenant, "pending"));
        await store.ResolveAsync(new ResolveCommand(tenant, "pr_test", "user:desktop", true, new ResolveRequest { ProposalId = proposal.ProposalId, Action = "accept" }, T(10)));
        var accepted = (await store.GetEntityAsync(key))!;
        Assert.Equal("ai-cloud:llm", accepted.FieldStamps!["title"].AcceptedFrom);

        var result = await store.ApplyPlannedAsync(new PlannedWrite(key, "pr_web", state => Resolutions.RestoreValue(state, "title", "\"mine\"", WebUser), T(1000)));

        Assert.Equal((ItemOutcome.Applied, accepted.Version!.Value + 1), (result.Outcome, result.Version));
        var head = (await store.GetEntityAsync(key))!;
        Assert.Equal("mine", head.Payload!.Value.GetProperty("title").GetString());
        Assert.Equal((1, "user:web", (string?)null), (head.FieldStamps!["title"].Level, head.FieldStamps["title"].Source, head.FieldStamps["title"].AcceptedFrom));
        Assert.False(head.AcceptedByUser);
    }

    [BackendFact]
    public async Task ApplyPlanned_MissingEntityOrTenant_NotFound_PlanNeverRuns()
    {
        if (await BrowseTenantsAsync() is not var (store, tenant, _)) { return; }
        await using var _ = store;
        var before = await SnapshotAsync(store, tenant);
        var planned = 0;
        Write Plan(EntityState state)
        {
            planned++;
            return Resolutions.PromoteEntity(state, null, WebUser);
        }

        var missing = await Assert.ThrowsAsync<ReplicaStoreException>(() => store.ApplyPlannedAsync(new PlannedWrite(new EntityKey(tenant, "task", "nope"), "pr_web", Plan, T(1000))));
        var noTenant = await Assert.ThrowsAsync<ReplicaStoreException>(() => store.ApplyPlannedAsync(new PlannedWrite(new EntityKey("no-such-tenant", "task", "t1"), "pr_web", Plan, T(1000))));
        var otherTenants = await Assert.ThrowsAsync<ReplicaStoreException>(() => store.ApplyPlannedAsync(new PlannedWrite(new EntityKey(tenant, "note", "a0"), "pr_web", Plan, T(1000))));

        Assert.Equal(["not-found", "not-found", "not-found"], new[] { missing.Code, noTenant.Code, otherTenants.Code });
        Assert.Equal(0, planned);
        Assert.Equal(before, await SnapshotAsync(store, tenant));
        Assert.Null(await store.GetEntityAsync(new EntityKey(tenant, "task", "nope")));
    }

    [BackendFact]
    public async Task ApplyPlanned_Refused_CodeOfTheRefusal_NothingWritten()
    {
        if (await BrowseTenantsAsync() is not var (store, tenant, _)) { return; }
        await using var _ = store;
        var cursor = (await store.FindTenantAsync(tenant))!.Seq;
        var before = await SnapshotAsync(store, tenant);
        var cannotAccept = WebUser with { CanAccept = false };

        var cases = new (string Id, string Type, Func<EntityState, Write> Plan, string Code)[]
        {
            ("n1", "note", s => Resolutions.PromoteEntity(s, null, WebUser), Resolutions.InvalidRequest),
            ("m1", "note", s => Resolutions.PromoteEntity(s, null, WebUser), Resolutions.InvalidRequest),
            ("n1", "note", s => Resolutions.DiscardEntity(s, WebUser), Resolutions.InvalidRequest),
            ("d1", "note", s => Resolutions.PromoteEntity(s, null, WebUser), Resolutions.InvalidRequest),
            ("t1", "task", s => Resolutions.PromoteEntity(s, null, cannotAccept), Resolutions.Forbidden),
            ("t1", "task", _ => throw new ResolutionRefusedException(RefusalCodes.ProtectedEntity, "refused by the plan"), RefusalCodes.ProtectedEntity),
        };
        foreach (var (id, type, plan, code) in cases)
        {
            var key = new EntityKey(tenant, type, id);
            var head = JsonSerializer.Serialize((await store.GetEntityAsync(key))!, RealignJsonContext.Default.SyncItem);
            var ex = await Assert.ThrowsAsync<ReplicaStoreException>(() => store.ApplyPlannedAsync(new PlannedWrite(key, "pr_web", plan, T(1000))));
            Assert.Equal(code, ex.Code);
            Assert.Equal(head, JsonSerializer.Serialize((await store.GetEntityAsync(key))!, RealignJsonContext.Default.SyncItem));
        }

        Assert.Equal(before, await SnapshotAsync(store, tenant));
        Assert.Equal(cursor, (await store.FindTenantAsync(tenant))!.Seq);
        Assert.Equal(["note/s1", "task/t1", "task/t2", "task/t3"], Keys(await store.BrowseEntitiesAsync(tenant, null, true, null, 100).ToListAsync()));
    }

    [BackendFact]
    public async Task ApplyPlanned_RefusedThenAllowed_SameEntityWrittenOnce()
    {
        if (await BrowseTenantsAsync() is not var (store, tenant, _)) { return; }
        await using var _ = store;
        var key = new EntityKey(tenant, "task", "t3");
        var headBefore = JsonSerializer.Serialize((await store.GetEntityAsync(key))!, RealignJsonContext.Default.SyncItem);
        var cursor = (await store.FindTenantAsync(tenant))!.Seq;

        var refused = await Assert.ThrowsAsync<ReplicaStoreException>(() => store.ApplyPlannedAsync(new PlannedWrite(key, "pr_web", s => Resolutions.PromoteEntity(s, null, WebUser with { CanAccept = false }), T(1000))));
        Assert.Equal(Resolutions.Forbidden, refused.Code);
        Assert.Equal(headBefore, JsonSerializer.Serialize((await store.GetEntityAsync(key))!, RealignJsonContext.Default.SyncItem));
        Assert.Equal(cursor, (await store.FindTenantAsync(tenant))!.Seq);

        await store.ApplyPlannedAsync(new PlannedWrite(key, "pr_web", s => Resolutions.PromoteEntity(s, null, WebUser), T(1001)));
        Assert.Equal(cursor + 1, (await store.FindTenantAsync(tenant))!.Seq);
        Assert.Equal(1, (await store.GetEntityAsync(key))!.TruthLevel);
    }

    [BackendFact]
    public async Task ApplyPlanned_PlanWritesAnotherEntity_Refused_NothingWritten()
    {
        if (await BrowseTenantsAsync() is not var (store, tenant, _)) { return; }
        await using var _ = store;
        var before = await SnapshotAsync(store, tenant);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.ApplyPlannedAsync(new PlannedWrite(new EntityKey(tenant, "task", "t1"), "pr_web",
            s => Resolutions.PromoteEntity(s, null, WebUser) with { Key = new EntityKey(tenant, "task", "t2") }, T(1000))));

        Assert.Equal(before, await SnapshotAsync(store, tenant));
    }

    [BackendFact]
    public async Task ProtectionKeys_EmptyThenInInsertionOrder_SameNameKeepsTheFirst()
    {
        if (await OpenStoreAsync() is not { } store) { return; }
        await using var _ = store;
        Assert.Empty(await store.ListProtectionKeysAsync());

        await store.AddProtectionKeyAsync("key-b", "<key id=\"b\" />");
        await store.AddProtectionKeyAsync("key-a", "<key id=\"a\" />");
        Assert.Equal(["<key id=\"b\" />", "<key id=\"a\" />"], await store.ListProtectionKeysAsync());

        await store.AddProtectionKeyAsync("key-b", "<key id=\"b\" version=\"2\" />");
        Assert.Equal(["<key id=\"b\" />", "<key id=\"a\" />"], await store.ListProtectionKeysAsync());

        await using var reopened = (await OpenStoreAsync())!;
        Assert.Equal(["<key id=\"b\" />", "<key id=\"a\" />"], await reopened.ListProtectionKeysAsync());
    }
}
