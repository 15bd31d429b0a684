using Realign.Benchmarks;

namespace Realign.Bench.Tests;

public sealed class EmbeddingsBenchTests
{
    /// <summary>A small run of the embeddings bench: every figure measured and printed (its values are the machine's, so only
    /// their presence and sense are checked).</summary>
    [Fact]
    public async Task SmallRun_PrintsModelLoadNotesPerSecondAndQueriesPerSecondPerIndexSize()
    {
        var output = new StringWriter();

        var report = await EmbeddingsBench.RunAsync(new EmbeddingsOptions(SingleNotes: 4, BatchNotes: 16, Batch: 8, IndexSizes: [500, 2_000], Queries: 5), output);

        Assert.True(report.LoadSeconds > 0 && report.SinglePerSecond > 0 && report.BatchPerSecond > 0);
        Assert.Equal([500, 2_000], report.Index.Select(r => r.Vectors));
        Assert.All(report.Index, r => Assert.True(r.QueriesPerSecond > 0 && r.MillisecondsPerQuery > 0 && r.BuildSeconds > 0));
        var text = output.ToString();
        Assert.Contains("notes/s", text, StringComparison.Ordinal);
        Assert.Contains("exact index, 2,000 vectors of 384", text, StringComparison.Ordinal);
    }
}
