using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Realign.EndToEnd.Tests.Vault;

/// <summary><c>realign serve</c> on a fresh SQLite folder as a child process, with what its first start prints: the URL, the
/// admin token and the owner token of the <c>personal</c> tenant. Disposing kills it.</summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _drainErr;

    private ServeProcess(Process process, Task<string> drainErr, string url, string admin, string owner)
    {
        _process = process;
        _drainErr = drainErr;
        Url = url;
        Admin = admin;
        Owner = owner;
    }

    public string Url { get; }

    public string Admin { get; }

    public string Owner { get; }

    public static Task<ServeProcess> StartAsync(string dataFolder, string? home = null) =>
        StartAsync(["--data", dataFolder, "--urls", "http://127.0.0.1:0"], home is null ? new Dictionary<string, string?>() : new() { ["HOME"] = home });

    /// <summary><c>realign serve</c> with <paramref name="arguments"/> and <paramref name="environment"/> changes (null
    /// removes a variable). On a new store (<paramref name="firstStart"/>) its first start's lines with the tokens are
    /// awaited; otherwise only its address, and <see cref="Admin"/> and <see cref="Owner"/> are empty.</summary>
    public static async Task<ServeProcess> StartAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, bool firstStart = true)
    {
        var info = Cli.StartInfo(["serve", .. arguments]);
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        var process = Process.Start(info)!;
        var drainErr = process.StandardError.ReadToEndAsync();
        string? url = null, admin = null, owner = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        if (!firstStart)
        {
            admin = owner = "";
        }

        while ((url is null || admin is null || owner is null) && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            url ??= ServerLine().Match(line) is { Success: true } m ? m.Groups[1].Value : null;
            admin ??= AdminLine().Match(line) is { Success: true } a ? a.Groups[1].Value : null;
            owner ??= OwnerLine().Match(line) is { Success: true } o ? o.Groups[1].Value : null;
        }

        if (url is null || admin is null || owner is null)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new InvalidOperationException($"realign serve did not print its address and tokens: {await drainErr}");
        }

        return new ServeProcess(process, drainErr, url, admin, owner);
    }

    /// <summary>The status of a GET of <paramref name="path"/> (relative to <see cref="Url"/>), with <paramref name="token"/> as
    /// the bearer token when given.</summary>
    public async Task<HttpStatusCode> StatusAsync(string path, string? token)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Reads the server's output after its start, line by line, until <paramref name="done"/> holds for the lines read
    /// so far or <paramref name="timeout"/> passes; returns the lines read.</summary>
    public async Task<IReadOnlyList<string>> ReadOutputUntilAsync(Func<IReadOnlyList<string>, bool> done, TimeSpan timeout)
    {
        var lines = new List<string>();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            while (!done(lines) && await _process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                lines.Add(line);
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            // Out of time: the caller asserts on what was read.
        }

        return lines;
    }

    /// <summary>Stops the server as systemd does, with SIGTERM, and waits for it to exit (at most 60 s): its exit code, the
    /// rest of its output (what was not read yet) and its errors.</summary>
    public async Task<(int ExitCode, string Output, string Errors)> StopAsync()
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
        }

        var output = _process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(limit.Token);
        return (_process.ExitCode, await output, await _drainErr);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process.HasExited)
        {
            _process.Dispose();
            return;
        }

        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        await _drainErr;
        _process.Dispose();
    }

    [GeneratedRegex(@"^Realign server on (http://\S+)")]
    private static partial Regex ServerLine();

    [GeneratedRegex(@"^Admin token .*: (rlt_\S+)$")]
    private static partial Regex AdminLine();

    [GeneratedRegex(@"^Owner token .*: (rlt_\S+)$")]
    private static partial Regex OwnerLine();
}
