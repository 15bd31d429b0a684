using System.Diagnostics;

namespace Realign.Benchmarks;

/// <summary>How the bench starts the <c>realign</c> CLI as a child process: the apphost directly, a <c>realign.dll</c> through <c>dotnet</c>.</summary>
internal static class RealignProcess
{
    /// <summary>A start description for <paramref name="executable"/> with <paramref name="arguments"/>, both output streams redirected.</summary>
    public static ProcessStartInfo StartInfo(string executable, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (executable.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = "dotnet";
            start.ArgumentList.Add(executable);
        }
        else
        {
            start.FileName = executable;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
