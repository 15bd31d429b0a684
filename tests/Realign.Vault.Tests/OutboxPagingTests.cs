using Realign.Vault.Sync;

namespace Realign.Vault.Tests;

public sealed class OutboxPagingTests
{
    private static long WorkOfOneBatch(int notes)
    {
        using var rig = new Rig();
        var (vault, _, _) = rig.NewVault("a");
        for (var i = 0; i < notes; i++)
        {
            vault.Put("note", $"n{i:D6}", """{"title":"a note of the outbox"}""");
        }

        OutboxBatch? batch = null;
        var work = vault.CountSqliteWork(() => batch = vault.NextBatch(100));
        Assert.Equal(100, batch!.Items.Count);
        Assert.Equal("n000000", batch.Items[0].EntityId);
        return work;
    }

    [Fact]
    public void SlowOutboxBug_NextBatch_WorkDoesNotGrowWithTheOutbox()
    {
        var small = WorkOfOneBatch(500);
        var large = WorkOfOneBatch(4_000);
        Assert.True(large < small * 2, $"one batch of 100 took {small}k SQLite steps with 500 queued and {large}k with 4,000");
    }

    [Fact]
    public void NextBatch_ManyRowsOfOneEntity_OneItemPerEntityOldestFirstAcrossPages()
    {
        using var rig = new Rig();
        var (vault, _, _) = rig.NewVault("a");
        for (var i = 0; i < 300; i++)
        {
            vault.Put("note", "busy", $$"""{"title":"edit {{i}}"}""");
            vault.Delete("note", "busy");
        }

        vault.Put("note", "other", """{"title":"x"}""");
        var batch = vault.NextBatch(10)!;
        Assert.Equal(new[] { "busy", "other" }, batch.Items.Select(i => i.EntityId!).ToArray());
        Assert.Equal(batch.BatchId, vault.NextBatch(10)!.BatchId);
    }
}
