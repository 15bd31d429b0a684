namespace Realign.Benchmarks;

/// <summary>How one measured <c>realign</c> process ended: its exit code, everything it printed, and what it cost.</summary>
internal sealed record CliChildResult(int ExitCode, string Stdout, string Stderr, CliStepCost Cost)
{
    /// <summary>This result, or an error naming <paramref name="what"/> with the process's exit code and its output when it failed.</summary>
    public CliChildResult EnsureSuccess(string what) => ExitCode == 0 ? this
        : throw new InvalidOperationException($"{what} failed with exit code {ExitCode}:{Environment.NewLine}{Stderr.Trim()}{(Stdout.Length > 0 ? Environment.NewLine + Stdout.Trim() : "")}");
}
