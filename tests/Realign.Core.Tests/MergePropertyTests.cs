using System.Text.Json;
using CsCheck;
using Realign.Core.Contract;
using Realign.Core.Merge;

namespace Realign.Core.Tests;

public sealed class MergePropertyTests
{
    private static readonly Gen<(int History, int Order)> Seeds = Gen.Select(Gen.Int, Gen.Int);

    [Fact]
    public void AnyOrderWithDuplicates_GivesIdenticalState()
    {
        Seeds.Sample(
            seeds =>
            {
                var writes = HistoryGenerator.History(seeds.History);
                var reference = HistoryGenerator.ApplyAll(writes);
                var shuffled = HistoryGenerator.ApplyAll(HistoryGenerator.Shuffled(writes, seeds.Order));
                var why = Convergence.Difference(reference, shuffled);
                Assert.True(why is null, $"history seed {seeds.History}, order seed {seeds.Order}: {why}\n{HistoryGenerator.Describe(writes)}");
            },
            iter: 10_000);
    }

    [Fact]
    public void JoinOfTwoReplicas_EqualsOneReplicaThatSawEverything()
    {
        Seeds.Sample(
            seeds =>
            {
                var writes = HistoryGenerator.History(seeds.History);
                var random = new Random(seeds.Order);
                var left = writes.Where(_ => random.Next(2) == 0).ToList();
                var right = writes.Except(left).Concat(left.Where(_ => random.Next(3) == 0)).ToList();
                var a = HistoryGenerator.ApplyAll(left);
                var b = HistoryGenerator.ApplyAll(right);
                foreach (var (key, theirs) in b)
                {
                    if (!a.TryGetValue(key, out var mine))
                    {
                        a[key] = mine = new EntityState(key);
                    }

                    EntityMerger.Join(mine, theirs);
                }

                var why = Convergence.Difference(HistoryGenerator.ApplyAll(writes), a);
                Assert.True(why is null, $"history seed {seeds.History}, split seed {seeds.Order}: {why}\n{HistoryGenerator.Describe(writes)}");
            },
            iter: 5_000);
    }

    [Fact]
    public void HeadRoundTripThroughJson_KeepsEveryRegister()
    {
        Gen.Int.Sample(
            seed =>
            {
                foreach (var state in HistoryGenerator.ApplyAll(HistoryGenerator.History(seed)).Values)
                {
                    var json = JsonSerializer.Serialize(EntityCodec.ToHead(state), RealignJsonContext.Default.SyncItem);
                    var back = EntityCodec.FromHead(JsonSerializer.Deserialize(json, RealignJsonContext.Default.SyncItem)!);
                    var why = Convergence.Difference(state, back);
                    Assert.True(why is null, $"seed {seed}: {why}\n{json}");
                    Assert.Equal(state.Version, back.Version);
                }
            },
            iter: 3_000);
    }
}
