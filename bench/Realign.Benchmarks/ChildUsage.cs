using System.Runtime.InteropServices;

namespace Realign.Benchmarks;

/// <summary>The resources used by this process's children that have ended and been waited for (<c>getrusage(RUSAGE_CHILDREN)</c>).</summary>
/// <remarks>.NET reaps a child as soon as it exits, so a <see cref="System.Diagnostics.Process"/> can no longer report its
/// CPU time afterwards. The counters here grow by exactly what each ended child used; the difference across one child's
/// life is that child's own CPU time, as long as no other child ends in between.</remarks>
internal static class ChildUsage
{
    private const int RusageChildren = -1;

    /// <summary>User plus system CPU time of all ended children, and the peak resident memory of the largest of them (MB).</summary>
    public static (TimeSpan Cpu, double LargestPeakRssMb) Read()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the vault bench reads child process counters of Linux");
        }

        if (GetRusage(RusageChildren, out var usage) != 0)
        {
            throw new InvalidOperationException($"getrusage failed (errno {Marshal.GetLastPInvokeError()})");
        }

        var micros = (usage.UserSeconds + usage.SystemSeconds) * 1_000_000 + usage.UserMicros + usage.SystemMicros;
        return (TimeSpan.FromMicroseconds(micros), usage.MaxRssKb / 1024.0);
    }

    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int GetRusage(int who, out Rusage usage);

    /// <summary>The start of Linux's 64-bit <c>struct rusage</c> (two <c>timeval</c>s, then <c>ru_maxrss</c>); 144 bytes in all.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicros;
        public long SystemSeconds;
        public long SystemMicros;
        public long MaxRssKb;
    }
}
