using System.Globalization;

namespace Realign.Benchmarks;

/// <summary>What Linux tells about a running process in <c>/proc/PID/status</c>.</summary>
internal static class ProcStatus
{
    /// <summary>The process's peak resident memory so far (<c>VmHWM</c>) in MB, or null when it cannot be read (the process
    /// has exited, or this is not Linux).</summary>
    public static double? PeakRssMb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}
