using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Npgsql;

namespace Realign.Benchmarks;

/// <summary>Realign against its storage engine's own limit, in the same run: push vs raw upsert, pull vs raw read, per backend and size.</summary>
/// <remarks>Each (backend, size, run) uses a fresh database: a SQLite file in a temporary folder, or a new PostgreSQL database
/// created (and dropped) through the given connection. The server runs as <c>realign serve</c> in a child process when
/// <see cref="BenchOptions.ServerExecutable"/> is given, so its peak resident memory is its own.</remarks>
public static class CompareBenchmark
{
    /// <summary>Pull pages per warm-up pull, and warm-up pulls: enough calls for tiered compilation to promote the pull path.</summary>
    private const int WarmUpPullPages = 20;

    private const int WarmUpPullRounds = 3;

    /// <summary>Id salts of the other tenant's entities and of the measured ones (random ids only).</summary>
    private const int OthersSalt = 1;

    private const int MeasuredSalt = 2;

    /// <summary>Runs every measurement, prints the table to <paramref name="output"/> and writes the report files.</summary>
    public static async Task<CompareReport> RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var backends = options.Postgres is null ? new[] { "sqlite" } : ["sqlite", "postgres"];
        var rows = new List<CompareRow>();
        var vaults = new List<VaultRow>();
        foreach (var backend in backends)
        {
            foreach (var workload in options.Workloads)
            {
                foreach (var size in options.Sizes)
                {
                    CompareRow? best = null;
                    for (var run = 0; run < Math.Max(1, options.Repeat); run++)
                    {
                        var withVault = options.VaultNotes > 0 && run == 0 && size == options.Sizes[0] && workload == options.Workloads[0];
                        var (row, vault) = await MeasureAsync(options, backend, size, workload, withVault, cancellationToken);
                        if (vault is not null)
                        {
                            vaults.Add(vault);
                            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {backend} vault: {vault.Notes:N0} notes up in {vault.UpSeconds:0.00} s, down in {vault.DownSeconds:0.00} s"));
                        }

                        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {backend} {workload.Name} {size:N0} run {run + 1}: push {row.PushPerSecond:N0}/s (raw {row.RawUpsertPerSecond:N0}/s), pull {row.PullPerSecond:N0}/s (raw {row.RawReadPerSecond:N0}/s{(row.NativeReadPerSecond is { } n ? $", below the driver {n:N0}/s" : "")}), server peak {row.ServerPeakRssMb:N0} MB; CPU µs/item push server {row.Cpu?.ServerPush:0.0} client {row.Cpu?.ClientPush:0.0}, pull server {row.Cpu?.ServerPull:0.00} client {row.Cpu?.ClientPull:0.00}"));
                        best = best is null ? row : Best(best, row);
                    }

                    rows.Add(best!);
                }
            }
        }

        var report = new CompareReport(rows, vaults, BenchItems.PayloadBytes(), options.BatchSize, options.PageSize, Math.Max(1, options.Repeat), DateTimeOffset.UtcNow);
        output.Write(report.ToMarkdown());
        if (options.OutDir is { } dir)
        {
            Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(Path.Combine(dir, "compare.json"), report.ToJson(), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(dir, "compare.md"), report.ToMarkdown(), cancellationToken);
        }

        return report;
    }

    /// <summary>Waits until the idle server stops using CPU (its background tier-1 compiles are done), at most 20 s.</summary>
    /// <remarks>A guard, not the cure: what brings the server to steady state is the size of the warm-up (30,000 items left it at
    /// 32 µs of CPU per pushed item, 150,000 at 18.5 µs; docs/performance.md). The wait makes sure the compiles the warm-up
    /// queued have finished before the clock starts.</remarks>
    private static async Task WaitForQuietAsync(ServerUnderTest server, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromMilliseconds(250);
        var quietRounds = 0;
        var previous = server.CpuTime();
        for (var round = 0; round < 80 && quietRounds < 2; round++)
        {
            await Task.Delay(interval, cancellationToken);
            var now = server.CpuTime();
            quietRounds = now - previous < interval * QuietShare ? quietRounds + 1 : 0;
            previous = now;
        }
    }

    /// <summary>The share of one core below which the idle server counts as quiet.</summary>
    private const double QuietShare = 0.05;

    private static CompareRow Best(CompareRow a, CompareRow b) => a with
    {
        PushPerSecond = Math.Max(a.PushPerSecond, b.PushPerSecond),
        RawUpsertPerSecond = Math.Max(a.RawUpsertPerSecond, b.RawUpsertPerSecond),
        PullPerSecond = Math.Max(a.PullPerSecond, b.PullPerSecond),
        RawReadPerSecond = Math.Max(a.RawReadPerSecond, b.RawReadPerSecond),
        NativeReadPerSecond = a.NativeReadPerSecond is { } na && b.NativeReadPerSecond is { } nb ? Math.Max(na, nb) : a.NativeReadPerSecond ?? b.NativeReadPerSecond,
        ServerPeakRssMb = Math.Max(a.ServerPeakRssMb, b.ServerPeakRssMb),
        Cpu = a.Cpu is { } x && b.Cpu is { } y
            ? new CpuPerItem(Math.Min(x.ServerPush, y.ServerPush), Math.Min(x.ClientPush, y.ClientPush), Math.Min(x.ServerPull, y.ServerPull), Math.Min(x.ClientPull, y.ClientPull))
            : a.Cpu ?? b.Cpu,
    };

    private static async Task<(CompareRow Row, VaultRow? Vault)> MeasureAsync(BenchOptions options, string backend, int size, BenchWorkload workload, bool withVault, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("realign-compare-").FullName;
        var sqlitePath = Path.Combine(folder, "realign.db");
        var database = backend == "postgres" ? await ScratchDatabase.CreateAsync(options.Postgres!, cancellationToken) : null;
        // The other tenant's entities: the warm-up, and with a pre-filled workload at least as many as the run measures.
        var others = workload.Prefill ? Math.Max(options.WarmUpItems, size) : options.WarmUpItems;
        try
        {
            string tenantId;
            TimeSpan push;
            (int Items, TimeSpan Elapsed) pull;
            double rss;
            bool inProcess;
            VaultRow? vault = null;
            CpuPerItem cpu;
            await using (var server = await ServerUnderTest.StartAsync(options.ServerExecutable, backend == "sqlite" ? sqlitePath : null, database?.ConnectionString, cancellationToken))
            {
                using (var warm = new HttpClient { BaseAddress = server.BaseAddress })
                {
                    warm.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.WarmUpToken);
                    await HttpLoad.PushAsync(warm, others, options.BatchSize, cancellationToken, workload.RandomIds, OthersSalt);
                    for (var round = 0; round < WarmUpPullRounds; round++)
                    {
                        await HttpLoad.PullAsync(warm, Math.Max(1, options.WarmUpItems / WarmUpPullPages), cancellationToken, workload.ParseHeads);
                    }

                    // Let the runtime finish its tier-1 recompiles of the hot paths before the timed runs.
                    if (options.WaitForQuietServer)
                    {
                        await WaitForQuietAsync(server, cancellationToken);
                    }
                }

                using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
                var (serverCpu, clientCpu) = (server.CpuTime(), Process.GetCurrentProcess().TotalProcessorTime);
                push = await HttpLoad.PushAsync(http, size, options.BatchSize, cancellationToken, workload.RandomIds, MeasuredSalt);
                var (serverCpuPushed, clientCpuPushed) = (server.CpuTime(), Process.GetCurrentProcess().TotalProcessorTime);

                // The pull is timed on its own: the push's aftermath (the collector finishing with the push's garbage) is not billed to it.
                if (options.WaitForQuietServer)
                {
                    await WaitForQuietAsync(server, cancellationToken);
                    (serverCpuPushed, clientCpuPushed) = (server.CpuTime(), Process.GetCurrentProcess().TotalProcessorTime);
                }

                pull = await HttpLoad.PullAsync(http, options.PageSize, cancellationToken, workload.ParseHeads);
                var (serverCpuPulled, clientCpuPulled) = (server.CpuTime(), Process.GetCurrentProcess().TotalProcessorTime);
                cpu = new CpuPerItem((serverCpuPushed - serverCpu).TotalMicroseconds / size, (clientCpuPushed - clientCpu).TotalMicroseconds / size,
                    (serverCpuPulled - serverCpuPushed).TotalMicroseconds / size, (clientCpuPulled - clientCpuPushed).TotalMicroseconds / size);
                if (pull.Items != size)
                {
                    throw new InvalidOperationException($"pulled {pull.Items} heads, pushed {size}");
                }

                if (withVault)
                {
                    var (up, down) = await VaultRoundTrip.MeasureAsync(server.BaseAddress, server.VaultToken, server.VaultTenantId, options.VaultNotes, options.BatchSize, options.PageSize, cancellationToken);
                    vault = new VaultRow(backend, options.VaultNotes, up.TotalSeconds, down.TotalSeconds);
                }

                rss = server.PeakRssMb();
                inProcess = server.InProcess;
                tenantId = server.TenantId;
            }

            await using RawStore raw = backend == "sqlite" ? new SqliteRawStore(sqlitePath) : new PostgresRawStore(database!.ConnectionString);
            await raw.CreateTableAsync(cancellationToken);
            var now = 1_767_225_600_000_000L;
            var rawOthers = workload.Prefill ? others : 2_000;
            for (var start = 0; start < rawOthers; start += options.BatchSize)
            {
                await raw.UpsertAsync(BenchItems.Rows("warm-up", start, Math.Min(rawOthers, start + options.BatchSize), start + 1, now, workload.RandomIds, OthersSalt), cancellationToken);
            }

            await raw.ReadAllAsync("warm-up", workload.ParseHeads, cancellationToken);
            var upsert = TimeSpan.Zero;
            for (var start = 0; start < size; start += options.BatchSize)
            {
                var rows = BenchItems.Rows(tenantId, start, Math.Min(size, start + options.BatchSize), rawOthers + start + 1, now, workload.RandomIds, MeasuredSalt);
                upsert += await raw.UpsertAsync(rows, cancellationToken);
            }

            var watch = Stopwatch.StartNew();
            var read = await raw.ReadAllAsync(tenantId, workload.ParseHeads, cancellationToken);
            var readTime = watch.Elapsed;
            if (read != size)
            {
                throw new InvalidOperationException($"raw read {read} rows, wrote {size}");
            }

            watch.Restart();
            var nativeRead = await raw.ReadAllNativeAsync(tenantId, workload.ParseHeads, cancellationToken);
            var nativeTime = watch.Elapsed;
            if (nativeRead is { } nativeRows && nativeRows != size)
            {
                throw new InvalidOperationException($"raw native read {nativeRows} rows, wrote {size}");
            }

            return (new CompareRow(backend, size, size / push.TotalSeconds, size / upsert.TotalSeconds, size / pull.Elapsed.TotalSeconds, size / readTime.TotalSeconds, rss, inProcess)
            {
                Workload = workload.Name,
                Others = rawOthers == others ? others : null,
                Cpu = cpu,
                NativeReadPerSecond = nativeRead is null ? null : size / nativeTime.TotalSeconds,
            }, vault);
        }
        finally
        {
            if (database is not null)
            {
                await database.DisposeAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
