using System.Diagnostics;

namespace Realign.Benchmarks;

/// <summary>A <c>realign serve</c> child process on a free loopback port, SQLite in a folder or a PostgreSQL database; the
/// second server on a database prints no admin token (the first made it), and needs none.</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, Uri baseAddress, string? adminToken, IReadOnlyList<string> lines)
    {
        _process = process;
        BaseAddress = baseAddress;
        AdminToken = adminToken;
        Lines = lines;
    }

    /// <summary>What the server printed on standard output up to "Press Ctrl+C".</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The server's process id.</summary>
    public int Id => _process.Id;

    public Uri BaseAddress { get; }

    /// <summary>The admin token the server printed at its start, if it made one.</summary>
    public string? AdminToken { get; }

    /// <summary>Starts the server and reads its output until it is ready.</summary>
    /// <param name="executable">The <c>realign</c> apphost or dll.</param>
    /// <param name="dataFolder">The SQLite data folder (when <paramref name="postgres"/> is null).</param>
    /// <param name="postgres">A PostgreSQL connection string, or null for SQLite.</param>
    /// <param name="cancellationToken">Stops the wait for the server.</param>
    /// <param name="apiOnly">Pass <c>--no-ui --no-automations</c>.</param>
    public static async Task<ServeProcess> StartAsync(string executable, string? dataFolder, string? postgres, CancellationToken cancellationToken, bool apiOnly = true)
    {
        var start = RealignProcess.StartInfo(executable, apiOnly ? ["serve", "--urls", "http://127.0.0.1:0", "--rate-limit", "0", "--no-ui", "--no-automations"] : ["serve", "--urls", "http://127.0.0.1:0", "--rate-limit", "0"]);
        start.ArgumentList.Add(postgres is null ? "--data" : "--postgres");
        start.ArgumentList.Add(postgres ?? dataFolder!);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + executable);
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        string? url = null;
        string? admin = null;
        var lines = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("realign serve exited before it was ready");
            lines.Add(line);
            url ??= After(line, "Realign server on ")?.Split(' ')[0];
            admin ??= After(line, "for /admin): ");
            if (line.StartsWith("Press Ctrl+C", StringComparison.Ordinal))
            {
                break;
            }
        }

        _ = DrainAsync(process.StandardOutput);
        return new ServeProcess(process, new Uri((url ?? throw new InvalidOperationException("realign serve printed no address")).TrimEnd('/') + "/"), admin, lines);
    }

    /// <summary>The CPU time the server process has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>The rest of the first line holding <paramref name="marker"/>, after it, or null.</summary>
    public string? Printed(string marker) => Lines.Select(line => After(line, marker)).FirstOrDefault(rest => rest is not null);

    private static string? After(string line, string marker)
    {
        var i = line.IndexOf(marker, StringComparison.Ordinal);
        return i < 0 ? null : line[(i + marker.Length)..].Trim();
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is not null)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
