using System.Diagnostics;

namespace Realign.Benchmarks;

/// <summary>Runs one <c>realign</c> command as a child process to its end and measures it: wall time, peak resident memory, CPU time.</summary>
/// <remarks>The peak memory is <c>VmHWM</c> read every <see cref="PollInterval"/> while the process runs (it only grows, so the
/// last read is the peak up to that moment), raised to the largest-child figure of <see cref="ChildUsage"/> when this child
/// raised it (that figure is exact). The CPU time is the growth of <see cref="ChildUsage"/> across the child's life, so
/// no other child of this process may end while one is measured; <see cref="VaultCliBench"/> runs them one at a time.
/// A child that outlives <c>timeout</c> or is cancelled is killed with its process tree.</remarks>
internal static class CliChild
{
    /// <summary>How often the child's <c>/proc/PID/status</c> is read while it runs.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Runs <paramref name="executable"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>,
    /// with <paramref name="environment"/> added (a null value removes a variable), and returns how it ended.</summary>
    public static async Task<CliChildResult> RunAsync(string executable, IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = RealignProcess.StartInfo(executable, arguments);
        start.WorkingDirectory = workingDirectory;
        start.RedirectStandardInput = true;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
            if (value is null)
            {
                start.Environment.Remove(name);
            }
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var before = ChildUsage.Read();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + executable);
        try
        {
            // Nothing is typed: a command that would prompt sees the end of its input and fails instead of waiting.
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
            var stderr = process.StandardError.ReadToEndAsync(limit.Token);
            var exited = process.WaitForExitAsync(limit.Token);
            double? peak = null;
            while (true)
            {
                limit.Token.ThrowIfCancellationRequested();
                peak = ProcStatus.PeakRssMb(process.Id) ?? peak;
                if (await Task.WhenAny(exited, Task.Delay(PollInterval, limit.Token)) == exited)
                {
                    break;
                }
            }

            await exited;
            var wall = watch.Elapsed;
            var after = ChildUsage.Read();
            var rss = after.LargestPeakRssMb > before.LargestPeakRssMb ? Math.Max(after.LargestPeakRssMb, peak ?? 0) : peak ?? 0;
            var cost = new CliStepCost(wall.TotalMilliseconds, rss, (after.Cpu - before.Cpu).TotalMilliseconds);
            return new CliChildResult(process.ExitCode, await stdout, await stderr, cost);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            throw new TimeoutException($"'realign {string.Join(' ', arguments)}' did not end within {timeout.TotalMinutes:0} min; it was killed");
        }
        finally
        {
            Kill(process);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Ended between the check and the kill.
        }
    }
}
