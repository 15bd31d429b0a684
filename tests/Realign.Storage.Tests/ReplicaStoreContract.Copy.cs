using Realign.Core.Contract;
using static Realign.Storage.Tests.Writes;

namespace Realign.Storage.Tests;

public abstract partial class ReplicaStoreContract
{
    [BackendFact]
    public async Task CopyChanges_SameHeadsAsReadChanges_InSeqOrder_FromSinceUpToLimit()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        var other = (await store.CreateTenantAsync("other-" + Guid.NewGuid().ToString("N")[..8], VaultMode.LocalFirst)).Id;
        await store.ApplyBatchAsync(Batch(tenant, User(tenant, "a", 1, ("title", "\"a\"")), User(tenant, "b", 1, ("title", "\"b\"")), User(tenant, "c", 1, ("title", "\"c\""))));
        await store.ApplyBatchAsync(Batch(other, User(other, "x", 1, ("title", "\"x\""))));
        // d's head (over 40 KB) is larger than any first buffer a store may read into.
        await store.ApplyBatchAsync(Batch(tenant, User(tenant, "a", 2, ("title", "\"a2\"")), User(tenant, "d", 1, ("title", "\"" + new string('d', 40_000) + "\""))));

        foreach (var (since, limit) in new[] { (0L, 10), (0L, 2), (2L, 10), (3L, 1), (5L, 10) })
        {
            var expected = await store.ReadChangesAsync(tenant, since, limit).ToListAsync();
            var sink = new RecordingSink();
            await store.CopyChangesAsync(tenant, since, limit, sink);
            Assert.Equal(expected.Select(c => c.Seq), sink.Heads.Select(h => h.Seq));
            Assert.Equal(expected.Select(c => Convert.ToHexString(c.HeadUtf8.Span)), sink.Heads.Select(h => Convert.ToHexString(h.Head)));
        }

        var all = new RecordingSink();
        await store.CopyChangesAsync(tenant, 0, 100, all);
        Assert.Equal([2L, 3L, 4L, 5L], all.Heads.Select(h => h.Seq));
        Assert.True(all.Heads[^1].Head.Length > 40_000);
        Assert.DoesNotContain(all.Heads, h => System.Text.Encoding.UTF8.GetString(h.Head).Contains("\"x\"", StringComparison.Ordinal));
    }

    [BackendFact]
    public async Task CopyChanges_SinkAsksFlushThenStop_FlushedBetweenHeads_NothingAfterStop()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        await store.ApplyBatchAsync(Batch(tenant, [.. Enumerable.Range(0, 6).Select(i => User(tenant, "n" + i, 1, ("title", $"\"{i}\"")))]));
        var sink = new RecordingSink { FlushEvery = 2, StopAfter = 5 };
        await store.CopyChangesAsync(tenant, 0, 100, sink);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], sink.Heads.Select(h => h.Seq));
        Assert.Equal([2, 4], sink.FlushedAt);
    }

    /// <summary>Copies every head it is handed (the span is valid only during the call); can ask for flushes and a stop.</summary>
    private sealed class RecordingSink : IHeadSink
    {
        public List<(long Seq, byte[] Head)> Heads { get; } = [];

        public List<int> FlushedAt { get; } = [];

        public int FlushEvery { get; init; } = int.MaxValue;

        public int StopAfter { get; init; } = int.MaxValue;

        public HeadSinkAction Write(long seq, ReadOnlySpan<byte> headUtf8)
        {
            Heads.Add((seq, headUtf8.ToArray()));
            return Heads.Count >= StopAfter ? HeadSinkAction.Stop : Heads.Count % FlushEvery == 0 ? HeadSinkAction.Flush : HeadSinkAction.Continue;
        }

        public ValueTask FlushAsync(CancellationToken cancellationToken)
        {
            FlushedAt.Add(Heads.Count);
            return ValueTask.CompletedTask;
        }
    }
}
