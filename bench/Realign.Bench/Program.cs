using System.Diagnostics;
using BenchmarkDotNet.Running;
using Realign.Bench;
using Spectre.Console.Cli;

// `compare ...`: Realign against the raw database driver (see CompareCommand). `vault ...`: a vault's import, syncs and waits through
// the real CLI processes (see VaultCommand). `devices ...`: many vaults syncing at once, latency percentiles (see DevicesCommand). `merge-quick`: the merge rate in a few seconds. `http [--postgres CONN] [--items N] [--batch N]`: push and pull
// throughput over HTTP on loopback. Any other arguments go to BenchmarkDotNet (e.g. `--filter *MergeBenchmarks*`).
if (args is ["compare", .. var compareArgs])
{
    var app = new CommandApp<CompareCommand>();
    app.Configure(config =>
    {
        config.SetApplicationName("dotnet run --project bench/Realign.Bench -c Release -- compare");
        config.UseStrictParsing();
    });
    return await app.RunAsync(compareArgs);
}

if (args is ["vault", .. var vaultArgs])
{
    var app = new CommandApp<VaultCommand>();
    app.Configure(config =>
    {
        config.SetApplicationName(VaultCommand.Invocation + " vault");
        config.UseStrictParsing();
    });
    return await app.RunAsync(vaultArgs);
}

if (args is ["devices", .. var devicesArgs])
{
    var app = new CommandApp<DevicesCommand>();
    app.Configure(config =>
    {
        config.SetApplicationName(VaultCommand.Invocation + " devices");
        config.UseStrictParsing();
    });
    return await app.RunAsync(devicesArgs);
}

if (args is ["embeddings", .. var embeddingArgs])
{
    // `embeddings [--sizes 10k,100k,1M] [--queries N]`: the offline model's notes/s and the exact index's queries/s.
    var sizes = new List<int>();
    var queries = 50;
    for (var i = 0; i < embeddingArgs.Length; i++)
    {
        switch (embeddingArgs[i])
        {
            case "--sizes" when i + 1 < embeddingArgs.Length && Realign.Benchmarks.BenchOptions.ParseSizes(embeddingArgs[i + 1]) is { } parsed:
                sizes.AddRange(parsed);
                i++;
                break;
            case "--queries" when i + 1 < embeddingArgs.Length && int.TryParse(embeddingArgs[i + 1], out var q) && q > 0:
                queries = q;
                i++;
                break;
            default:
                await Console.Error.WriteLineAsync($"error: unknown option '{embeddingArgs[i]}'; use --sizes 10k,100k[,1M] and --queries N");
                return 2;
        }
    }

    await Realign.Benchmarks.EmbeddingsBench.RunAsync(new Realign.Benchmarks.EmbeddingsOptions(IndexSizes: sizes.Count > 0 ? sizes : null, Queries: queries), Console.Out);
    return 0;
}

if (args is ["http", .. var httpArgs])
{
    return await HttpThroughput.RunAsync(httpArgs);
}

if (args is ["merge-quick", ..])
{
    var bench = new MergeBenchmarks();
    bench.Setup();
    for (var i = 0; i < 5; i++)
    {
        bench.MergeRegisters();
    }

    // Best of several rounds: the figure is the machine's capability, not its noisiest moment.
    const int Runs = 10;
    var best = TimeSpan.MaxValue;
    for (var round = 0; round < 10; round++)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            bench.MergeRegisters();
        }

        best = watch.Elapsed < best ? watch.Elapsed : best;
    }

    var rate = (double)MergeBenchmarks.RegistersPerRun * Runs / best.TotalSeconds;
    Console.WriteLine($"merge: {rate:N0} register merges/s on one thread (best of 10 rounds of {Runs} x {MergeBenchmarks.RegistersPerRun:N0} registers: {best.TotalMilliseconds:N0} ms)");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(MergeBenchmarks).Assembly).Run(args);
return 0;
