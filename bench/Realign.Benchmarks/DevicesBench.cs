using System.Diagnostics;
using System.Globalization;
using Realign.Core.Contract;
using Realign.Vault;
using Realign.Vault.Sync;

namespace Realign.Benchmarks;

/// <summary>Many devices at once: vaults of several tenants syncing against one server (or two servers on one PostgreSQL) at the
/// same time, each through its own <see cref="SyncClient"/> over HTTP on loopback, every request timed.</summary>
/// <remarks>Each vault first writes its <see cref="DevicesOptions.NotesPerRound"/> notes and syncs once, untimed (the servers'
/// warm-up). Then it runs <see cref="DevicesOptions.Rounds"/> rounds, back to back or paced by <see cref="DevicesOptions.Interval"/>:
/// it edits its notes, then syncs, which pushes them and pulls what the tenant's other devices wrote. All vaults start together. At the end every vault syncs once more and must hold
/// every note of its tenant at its last edit: a vault that does not is an error, as is any failed sync and any request the
/// server answered with an error status (the transport's retries included).</remarks>
public static class DevicesBench
{
    /// <summary>Runs the measurement for each backend (and server count) the options name, prints and writes the table.</summary>
    public static async Task<DevicesReport> RunAsync(DevicesOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var setups = new List<(string Backend, int Servers)> { ("sqlite", 1) };
        if (options.Postgres is not null)
        {
            setups.Add(("postgres", 1));
            setups.Add(("postgres", 2));
        }

        // Each vault's sync does its SQLite work synchronously on a pool thread: with the pool's default minimum (one thread per
        // core) the responses of the other vaults wait for the pool to grow, and that wait would be measured as server latency.
        ThreadPool.GetMinThreads(out var workers, out var ports);
        ThreadPool.SetMinThreads(Math.Max(workers, options.Vaults + 8), Math.Max(ports, options.Vaults + 8));
        var rows = new List<DevicesRow>();
        foreach (var (backend, servers) in setups)
        {
            var row = await MeasureAsync(options, backend, servers, cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {backend} x{servers}: {row.Vaults} vaults, {row.Pushed:N0} pushed, {row.Pulled:N0} pulled in {row.WallSeconds:0.00} s; push p50 {row.Push.P50:0.0} ms p99 {row.Push.P99:0.0} ms, pull p50 {row.Pull.P50:0.0} ms p99 {row.Pull.P99:0.0} ms; {row.Errors} errors"));
            rows.Add(row);
        }

        var report = new DevicesReport(rows, options, DateTimeOffset.UtcNow);
        output.Write(report.ToMarkdown());
        if (options.OutDir is { } dir)
        {
            Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(Path.Combine(dir, "devices.json"), report.ToJson(), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(dir, "devices.md"), report.ToMarkdown(), cancellationToken);
        }

        return report;
    }

    private static async Task<DevicesRow> MeasureAsync(DevicesOptions options, string backend, int servers, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("realign-devices-").FullName;
        var database = backend == "postgres" ? await ScratchDatabase.CreateAsync(options.Postgres!, cancellationToken) : null;
        var processes = new List<ServeProcess>();
        var devices = new List<Device>();
        try
        {
            var executable = options.ServerExecutable ?? throw new InvalidOperationException("the devices bench runs 'realign serve': build src/Realign.Cli first (the bench project copies it next to itself)");
            for (var i = 0; i < servers; i++)
            {
                processes.Add(await ServeProcess.StartAsync(executable, database is null ? Path.Combine(folder, "server") : null, database?.ConnectionString, cancellationToken));
            }

            var admin = processes[0].AdminToken ?? throw new InvalidOperationException("the first server printed no admin token");
            var recorder = new LatencyRecorder();
            using (var http = AdminCalls.Client(processes[0].BaseAddress, admin))
            {
                for (var t = 0; t < options.Tenants; t++)
                {
                    var name = "devices-" + t.ToString(CultureInfo.InvariantCulture);
                    var tenantId = await AdminCalls.CreateTenantAsync(http, name, "cloud_first", cancellationToken);
                    for (var d = t; d < options.Vaults; d += options.Tenants)
                    {
                        var (token, _) = await AdminCalls.CreateTokenAsync(http, name, cancellationToken);
                        var server = processes[d % servers].BaseAddress;
                        devices.Add(Device.Open(Path.Combine(folder, "vault-" + d.ToString(CultureInfo.InvariantCulture)), d, t, tenantId, server, token, recorder));
                    }
                }
            }

            var syncOptions = new SyncOptions { FetchConflicts = false };

            // Warm-up, not timed: every vault writes its notes and syncs once, so each server has compiled its push and pull paths
            // (and every vault has made its first sync: who it is, the checksum) before the clock starts.
            var errors = (await Task.WhenAll(devices.Select(device => Task.Run(() => device.RunAsync(1, options.NotesPerRound, TimeSpan.Zero, devices.Count, syncOptions, cancellationToken, firstRound: -1), cancellationToken)))).Sum(r => r.Failures);
            errors += recorder.Reset();
            var serverCpu = processes.Sum(p => p.CpuTime().TotalSeconds);
            var clientCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            var watch = Stopwatch.StartNew();
            var results = await Task.WhenAll(devices.Select(device => Task.Run(() => device.RunAsync(options.Rounds, options.NotesPerRound, options.Interval, devices.Count, syncOptions, cancellationToken), cancellationToken)));
            var wall = watch.Elapsed;
            serverCpu = processes.Sum(p => p.CpuTime().TotalSeconds) - serverCpu;
            clientCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - clientCpu;
            errors += results.Sum(r => r.Failures);

            // Convergence: a last sync of every vault (twice: the first may push nothing and pull the others' last round), then each
            // vault must hold every note of its tenant at its last edit.
            for (var pass = 0; pass < 2; pass++)
            {
                foreach (var device in devices)
                {
                    errors += await device.SyncQuietlyAsync(syncOptions, cancellationToken);
                }
            }

            var wrong = devices.Count(device => !device.HoldsTenant(devices.Where(o => o.Tenant == device.Tenant), options.Rounds, options.NotesPerRound));
            errors += wrong + recorder.ErrorStatuses;
            return new DevicesRow(backend, servers, options.Vaults, options.Tenants, options.Rounds, options.NotesPerRound,
                results.Sum(r => r.Pushed), results.Sum(r => r.Pulled), wall.TotalSeconds,
                recorder.Summary("push"), recorder.Summary("pull"), recorder.Requests, errors, wrong)
            {
                IntervalMs = options.Interval.TotalMilliseconds,
                ServerCpuSeconds = serverCpu,
                ClientCpuSeconds = clientCpu,
            };
        }
        finally
        {
            foreach (var device in devices)
            {
                device.Dispose();
            }

            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }

            if (database is not null)
            {
                await database.DisposeAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One device: its vault, its transport (through the recorder) and what it did.</summary>
    private sealed class Device : IDisposable
    {
        private readonly LocalVault _vault;
        private readonly HttpSyncTransport _transport;
        private readonly LatencyHandler _handler;

        private Device(int index, int tenant, LocalVault vault, HttpSyncTransport transport, LatencyHandler handler)
        {
            Index = index;
            Tenant = tenant;
            _vault = vault;
            _transport = transport;
            _handler = handler;
        }

        public int Index { get; }

        public int Tenant { get; }

        public static Device Open(string directory, int index, int tenant, string tenantId, Uri server, string token, LatencyRecorder recorder)
        {
            var vault = LocalVault.Create(directory, new VaultSettings(tenantId, "desktop", VaultMode.CloudFirst, server.ToString()));
            var handler = new LatencyHandler(recorder) { InnerHandler = new SocketsHttpHandler() };
            return new Device(index, tenant, vault, new HttpSyncTransport(server, token, handler, maxRetries: 3, firstDelay: TimeSpan.FromMilliseconds(100)), handler);
        }

        /// <summary>A body of ~240 characters, as JSON.</summary>
        private static readonly string Body = "\"" + string.Concat(Enumerable.Repeat("lorem ipsum dolor sit amet ", 9)) + "\"";

        public static string NoteId(int device, int note) => string.Create(CultureInfo.InvariantCulture, $"d{device}-n{note}");

        public static string Title(int device, int note, int round) => string.Create(CultureInfo.InvariantCulture, $"device {device} note {note} edit {round}");

        /// <summary>The device's rounds: back to back, or (with an <paramref name="interval"/>) one starting every interval, the
        /// devices' starts spread evenly over the first interval.</summary>
        public async Task<(int Pushed, int Pulled, int Failures)> RunAsync(int rounds, int notes, TimeSpan interval, int devices, SyncOptions options, CancellationToken cancellationToken, int firstRound = 0)
        {
            var client = new SyncClient(_vault, _transport, options);
            var (pushed, pulled, failures) = (0, 0, 0);
            var start = Stopwatch.GetTimestamp();
            var offset = interval * Index / devices;
            for (var round = 0; round < rounds; round++)
            {
                if (interval > TimeSpan.Zero && offset + (interval * round) - Stopwatch.GetElapsedTime(start) is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                for (var note = 0; note < notes; note++)
                {
                    _vault.Put("note", NoteId(Index, note), [new("title", "\"" + Title(Index, note, firstRound + round) + "\""), new("body", Body)]);
                }

                try
                {
                    var summary = await client.SyncAsync(null, cancellationToken);
                    (pushed, pulled) = (pushed + summary.Pushed, pulled + summary.Pulled);
                }
                catch (Exception ex) when (ex is SyncTransportException or VaultException or HttpRequestException)
                {
                    failures++;
                }
            }

            return (pushed, pulled, failures);
        }

        public async Task<int> SyncQuietlyAsync(SyncOptions options, CancellationToken cancellationToken)
        {
            try
            {
                await new SyncClient(_vault, _transport, options).SyncAsync(null, cancellationToken);
                return 0;
            }
            catch (Exception ex) when (ex is SyncTransportException or VaultException or HttpRequestException)
            {
                return 1;
            }
        }

        /// <summary>True when this vault holds every note of <paramref name="tenantDevices"/> at its last round's title.</summary>
        public bool HoldsTenant(IEnumerable<Device> tenantDevices, int rounds, int notes)
        {
            foreach (var other in tenantDevices)
            {
                for (var note = 0; note < notes; note++)
                {
                    if (_vault.Get("note", NoteId(other.Index, note))?.Text("title") != Title(other.Index, note, rounds - 1))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        public void Dispose()
        {
            _transport.Dispose();
            _handler.Dispose();
            _vault.Dispose();
        }
    }
}
