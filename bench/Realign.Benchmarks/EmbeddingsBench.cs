using System.Diagnostics;
using System.Globalization;
using Realign.Assist.Embeddings;

namespace Realign.Benchmarks;

/// <summary>What <see cref="EmbeddingsBench"/> measures and at what sizes.</summary>
/// <param name="SingleNotes">Notes embedded one call each.</param>
/// <param name="BatchNotes">Notes embedded in batches of <paramref name="Batch"/>.</param>
/// <param name="Batch">The batch size.</param>
/// <param name="IndexSizes">Vectors in the exact index, one size per row.</param>
/// <param name="Queries">Queries timed per size (best of three rounds).</param>
public sealed record EmbeddingsOptions(int SingleNotes = 100, int BatchNotes = 640, int Batch = 64, IReadOnlyList<int>? IndexSizes = null, int Queries = 50)
{
    /// <summary>The index sizes (default 10,000 and 100,000).</summary>
    public IReadOnlyList<int> Sizes => IndexSizes ?? [10_000, 100_000];
}

/// <summary>One index size's figures.</summary>
/// <param name="Vectors">Vectors in the index.</param>
/// <param name="BuildSeconds">Time to put them in.</param>
/// <param name="QueriesPerSecond">Top-10 searches per second on one thread, best of three rounds.</param>
/// <param name="MillisecondsPerQuery">The same as a latency.</param>
/// <param name="MegabytesHeld">Managed memory the index holds.</param>
public sealed record IndexRow(int Vectors, double BuildSeconds, double QueriesPerSecond, double MillisecondsPerQuery, double MegabytesHeld);

/// <summary>The figures of one run.</summary>
/// <param name="LoadSeconds">The model's load (first call, a one-note batch).</param>
/// <param name="SinglePerSecond">Notes per second, one per call.</param>
/// <param name="BatchPerSecond">Notes per second in batches.</param>
/// <param name="Index">One row per index size.</param>
public sealed record EmbeddingsReport(double LoadSeconds, double SinglePerSecond, double BatchPerSecond, IReadOnlyList<IndexRow> Index);

/// <summary>The offline model's embeddings per second (single notes and batches) and the exact index's queries per second at
/// the sizes tenants have: the figures of docs/performance.md's search section.</summary>
public static class EmbeddingsBench
{
    private static readonly string[] Words =
    [
        "boiler", "garden", "invoice", "meeting", "tulip", "bicycle", "tax", "flight", "hotel", "recipe", "battery", "laptop",
        "plumber", "doctor", "school", "project", "deadline", "budget", "holiday", "kitchen", "window", "letter", "insurance",
        "morning", "evening", "repair", "order", "call", "write", "plan", "book", "check", "bring", "clean", "pay", "visit",
    ];

    /// <summary>Runs the bench, writing each figure to <paramref name="output"/> as it is measured.</summary>
    public static async Task<EmbeddingsReport> RunAsync(EmbeddingsOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        using var model = new MiniLmEmbeddingGenerator();
        var random = new Random(42);
        var notes = Enumerable.Range(0, Math.Max(options.SingleNotes, options.BatchNotes)).Select(_ => Note(random)).ToArray();

        var watch = Stopwatch.StartNew();
        await model.GenerateAsync([notes[0]], cancellationToken: cancellationToken);
        var load = watch.Elapsed.TotalSeconds;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"model: {MiniLmEmbeddingGenerator.ModelId} loaded and first note embedded in {load:0.00} s"));

        watch.Restart();
        for (var i = 0; i < options.SingleNotes; i++)
        {
            await model.GenerateAsync([notes[i]], cancellationToken: cancellationToken);
        }

        var single = options.SingleNotes / watch.Elapsed.TotalSeconds;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"embeddings, one note per call: {single:N1} notes/s ({options.SingleNotes} notes of ~40 words)"));

        watch.Restart();
        foreach (var batch in notes.Take(options.BatchNotes).Chunk(options.Batch))
        {
            await model.GenerateAsync(batch, cancellationToken: cancellationToken);
        }

        var batched = options.BatchNotes / watch.Elapsed.TotalSeconds;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"embeddings, batches of {options.Batch}: {batched:N1} notes/s ({options.BatchNotes} notes)"));

        var rows = new List<IndexRow>();
        foreach (var size in options.Sizes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rows.Add(MeasureIndex(size, options.Queries, random));
            var row = rows[^1];
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"exact index, {size:N0} vectors of {MiniLmEmbeddingGenerator.Dimensions}: {row.QueriesPerSecond:N1} queries/s ({row.MillisecondsPerQuery:0.00} ms each, top 10, one thread), built in {row.BuildSeconds:0.00} s, {row.MegabytesHeld:N0} MB"));
        }

        return new EmbeddingsReport(load, single, batched, rows);
    }

    private static IndexRow MeasureIndex(int size, int queries, Random random)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var index = new VectorIndex(MiniLmEmbeddingGenerator.Dimensions);
        for (var i = 0; i < size; i++)
        {
            index.Upsert("e" + i.ToString(CultureInfo.InvariantCulture), "note", "n" + i.ToString(CultureInfo.InvariantCulture), [new EmbeddedChunk(0, 1, Vector(random))]);
        }

        var build = watch.Elapsed.TotalSeconds;
        var held = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1_048_576.0;
        var probes = Enumerable.Range(0, queries).Select(_ => Vector(random)).ToArray();
        index.Search(probes[0], 10);
        var best = TimeSpan.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            watch.Restart();
            foreach (var probe in probes)
            {
                index.Search(probe, 10);
            }

            best = watch.Elapsed < best ? watch.Elapsed : best;
        }

        var perSecond = queries / best.TotalSeconds;
        GC.KeepAlive(index);
        return new IndexRow(size, build, perSecond, 1000 / perSecond, held);
    }

    private static float[] Vector(Random random)
    {
        var vector = new float[MiniLmEmbeddingGenerator.Dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return vector;
    }

    private static string Note(Random random) =>
        string.Join(' ', Enumerable.Range(0, 40).Select(_ => Words[random.Next(Words.Length)])) + ".";
}
