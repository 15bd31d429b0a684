using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Realign.Benchmarks;

/// <summary>A <c>realign serve</c> child process on a free 127.0.0.1 port over a SQLite folder, for the vault bench.</summary>
/// <remarks>Started without the review UI and the automations, and without the rate limit (a large size must not be
/// throttled); ready once <c>GET /healthz</c> answers. Disposing kills it with its process tree.</remarks>
internal sealed class CliServer : IAsyncDisposable
{
    /// <summary>How long the server may take to answer its health check before the bench gives up.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private const int KeptLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    private CliServer(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's address, <c>http://127.0.0.1:PORT</c> (no trailing slash).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The server's peak resident memory so far, in MB, or null when it cannot be read.</summary>
    public double? PeakRssMb() => ProcStatus.PeakRssMb(_process.Id);

    /// <summary>Starts the server on <paramref name="dataDirectory"/> and waits until it answers (at most <see cref="ReadyTimeout"/>).</summary>
    public static async Task<CliServer> StartAsync(string executable, string dataDirectory, CancellationToken cancellationToken)
    {
        var url = $"http://127.0.0.1:{FreeLoopbackPort()}";
        var start = RealignProcess.StartInfo(executable, ["serve", "--data", dataDirectory, "--urls", url, "--no-ui", "--no-automations", "--rate-limit", "0"]);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + executable);
        var server = new CliServer(process, new Uri(url));
        try
        {
            process.OutputDataReceived += (_, e) => server.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await server.WaitUntilReadyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var health = new Uri(BaseAddress, "/healthz");
        var watch = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"realign serve exited with code {_process.ExitCode} before it answered on {BaseAddress}:{Environment.NewLine}{LastLines()}");
            }

            try
            {
                using var reply = await http.GetAsync(health, cancellationToken);
                if (reply.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The health check itself timed out; the overall wait below decides.
            }

            if (watch.Elapsed > ReadyTimeout)
            {
                throw new TimeoutException($"realign serve did not answer GET {health} within {ReadyTimeout.TotalSeconds:0} s:{Environment.NewLine}{LastLines()}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > KeptLines)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private string LastLines()
    {
        lock (_lastLines)
        {
            return string.Join(Environment.NewLine, _lastLines);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (InvalidOperationException)
        {
            // Ended on its own between the check and the kill.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
