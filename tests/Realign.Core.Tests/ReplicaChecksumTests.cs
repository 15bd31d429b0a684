using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Truth;

namespace Realign.Core.Tests;

public sealed class ReplicaChecksumTests
{
    private static EntityState Entity(string id, string title, long at, long version = 0)
    {
        var state = new EntityState(new EntityKey("t1", "note", id));
        EntityMerger.Apply(state, new Write(state.Key, new Stamp(TruthLevel.User, at, "user:desktop"), [new("title", title)]), SchemaPolicy.Default);
        state.Version += version;
        return state;
    }

    [Fact]
    public void Compute_SameEntitiesInAnyOrderAndWithOtherVersions_SameChecksum()
    {
        var a = ReplicaChecksum.Compute([Entity("a", "\"x\"", 1), Entity("b", "\"y\"", 2)]);
        var b = ReplicaChecksum.Compute([Entity("b", "\"y\"", 2, 7), Entity("a", "\"x\"", 1, 3)]);
        Assert.Equal(a, b);
        Assert.Equal(64, a.Length);
    }

    [Fact]
    public void Compute_OneRegisterDiffers_ChecksumDiffers()
    {
        var a = ReplicaChecksum.Compute([Entity("a", "\"x\"", 1), Entity("b", "\"y\"", 2)]);
        Assert.NotEqual(a, ReplicaChecksum.Compute([Entity("a", "\"x\"", 1), Entity("b", "\"y\"", 3)]));
        Assert.NotEqual(a, ReplicaChecksum.Compute([Entity("a", "\"x\"", 1), Entity("b", "\"z\"", 2)]));
        Assert.NotEqual(a, ReplicaChecksum.Compute([Entity("a", "\"x\"", 1)]));
    }

    [Fact]
    public void Compute_Tombstone_LeftOut()
    {
        var gone = Entity("c", "\"z\"", 1);
        EntityMerger.Apply(gone, new Write(gone.Key, new Stamp(TruthLevel.User, 5, "user:desktop"), [], Deleted: true), SchemaPolicy.Default);
        Assert.Equal(ReplicaChecksum.Compute([Entity("a", "\"x\"", 1)]), ReplicaChecksum.Compute([Entity("a", "\"x\"", 1), gone]));
    }

    [Fact]
    public void Compute_UsageRecords_LeftOut_SinceRetentionRemovesThemWithoutATombstone()
    {
        var usage = new EntityState(new EntityKey("t1", ReplicaChecksum.UsageType, "u1"));
        EntityMerger.Apply(usage, new Write(usage.Key, new Stamp(TruthLevel.AiCloud, 4, "ai-cloud:llm"), [new("job", "\"summarise\"")]), SchemaPolicy.Default);

        Assert.Equal(ReplicaChecksum.Compute([Entity("a", "\"x\"", 1)]), ReplicaChecksum.Compute([Entity("a", "\"x\"", 1), usage]));
    }
}
