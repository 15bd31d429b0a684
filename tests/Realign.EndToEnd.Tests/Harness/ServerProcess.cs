using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Realign.EndToEnd.Tests.Harness;

public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly string _storeArgs;
    private Process? _process;
    private TaskCompletionSource<string?> _ownerToken = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(string storeArgs, int port)
    {
        _storeArgs = storeArgs;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    public string? OwnerToken { get; private set; }

    public string? AdminToken { get; private set; }

    public int Starts { get; private set; }

    public static string CliDll
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Realign.slnx")))
            {
                dir = dir.Parent;
            }

            var dll = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("no Realign.slnx above the test folder"), "src", "Realign.Cli", "bin", configuration, "net10.0", "realign.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("build the CLI first", dll);
        }
    }

    public static ServerProcess Sqlite(string dataDir) => new($"--data \"{dataDir}\"", FreePort());

    public static ServerProcess Postgres(string connectionString) => new($"--postgres \"{connectionString}\"", FreePort());

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StartAsync(TimeSpan timeout)
    {
        _ownerToken = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var info = new ProcessStartInfo("dotnet", $"\"{CliDll}\" serve {_storeArgs} --urls {BaseAddress.ToString().TrimEnd('/')}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the server");
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {process.ExitCode}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(BaseAddress, "/healthz"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the server did not answer /healthz within {timeout}");
    }

    public async Task<string> WaitForOwnerTokenAsync() => await _ownerToken.Task.WaitAsync(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException("no owner token printed");

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("Owner token", StringComparison.Ordinal) && TokenPattern().Match(line) is { Success: true } owner)
        {
            OwnerToken = owner.Value;
            _ownerToken.TrySetResult(owner.Value);
        }
        else if (line.StartsWith("Admin token", StringComparison.Ordinal) && TokenPattern().Match(line) is { Success: true } admin)
        {
            AdminToken = admin.Value;
        }
    }

    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex("rlt_[A-Za-z0-9_-]+")]
    private static partial Regex TokenPattern();
}
