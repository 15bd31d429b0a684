using System.Numerics.Tensors;
using Realign.Assist.Embeddings;

namespace Realign.Assist.Tests.Embeddings;

/// <summary>The exact index against a plain model of it: any sequence of puts and removals, the same top results as scoring
/// every vector by hand.</summary>
public sealed class VectorIndexTests
{
    private const int Dims = 8;

    private static float[] RandomVector(Random random) => [.. Enumerable.Range(0, Dims).Select(_ => (float)((random.NextDouble() * 2) - 1))];

    [Fact]
    public void AnySequenceOfPutsAndRemovals_SearchesLikeScoringEveryVectorByHand()
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var random = new Random(seed);
            var index = new VectorIndex(Dims);
            var model = new Dictionary<string, List<EmbeddedChunk>>();
            for (var step = 0; step < 300; step++)
            {
                var id = "e" + random.Next(40);
                if (random.Next(4) == 0)
                {
                    Assert.Equal(model.Remove(id), index.Remove(id));
                }
                else
                {
                    var chunks = Enumerable.Range(0, random.Next(0, 4)).Select(i => new EmbeddedChunk(i * 10, 5, RandomVector(random))).ToList();
                    index.Upsert(id, "note", "n" + id, chunks);
                    if (chunks.Count == 0)
                    {
                        model.Remove(id);
                    }
                    else
                    {
                        model[id] = chunks;
                    }
                }

                if (step % 25 == 0)
                {
                    var query = RandomVector(random);
                    var expected = model
                        .Select(kv => (Id: kv.Key, Best: kv.Value.Select((c, i) => (Score: TensorPrimitives.CosineSimilarity(query, c.Vector), Chunk: i)).MaxBy(x => x.Score)))
                        .OrderByDescending(x => x.Best.Score).ThenBy(x => "note/n" + x.Id, StringComparer.Ordinal)
                        .Take(5)
                        .ToList();
                    var hits = index.Search(query, 5);
                    Assert.Equal(expected.Select(e => "n" + e.Id), hits.Select(h => h.SourceId));
                    Assert.Equal(expected.Select(e => e.Best.Chunk), hits.Select(h => h.Chunk));
                    Assert.All(expected.Zip(hits), p => Assert.Equal(p.First.Best.Score, p.Second.Score, 4));
                    Assert.Equal(model.Count, index.Count);
                    Assert.Equal(model.Values.Sum(c => c.Count), index.VectorCount);
                }
            }
        }
    }

    [Fact]
    public void WrongDimensions_Refused_AndSkippedSourcesLeftOut()
    {
        var index = new VectorIndex(Dims);
        Assert.Throws<ArgumentException>(() => index.Upsert("e", "note", "n", [new EmbeddedChunk(0, 1, [1f])]));
        Assert.Throws<ArgumentException>(() => index.Search(new float[3], 1));

        index.Upsert("a", "note", "a", [new EmbeddedChunk(0, 1, [1, 0, 0, 0, 0, 0, 0, 0])]);
        index.Upsert("b", "note", "b", [new EmbeddedChunk(0, 1, [0.9f, 0.1f, 0, 0, 0, 0, 0, 0])]);

        Assert.Equal("b", Assert.Single(index.Search([1, 0, 0, 0, 0, 0, 0, 0], 5, (_, id) => id == "a")).SourceId);
    }

    [Fact]
    public void Fusion_AResultFoundByBothRanksFirst_KeywordOnlyAndVectorOnlyResultsStayIn()
    {
        VectorHit V(string id, float score) => new("note", id, "e-" + id, 0, 0, 1, score);
        var vectors = new[] { V("meaning", 0.9f), V("both", 0.8f) };
        var keywords = new[] { ("note", "exact"), ("note", "both") };

        var fused = RankFusion.Fuse(vectors, keywords, 10);

        Assert.Equal(["both", "exact", "meaning"], fused.Select(h => h.SourceId));
        Assert.Equal((1.0 / 62) + (1.0 / 62), fused[0].Score, 12);
        Assert.Equal(2, fused[0].Vector!.Rank);
        Assert.Equal(2, fused[0].KeywordRank);
        Assert.Null(fused[1].Vector);
        Assert.Null(fused[2].KeywordRank);
    }
}
