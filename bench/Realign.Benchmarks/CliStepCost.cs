namespace Realign.Benchmarks;

/// <summary>What one <c>realign</c> process cost the person waiting for it: wall time from start to exit, its peak resident
/// memory and the CPU time (user and system) it used.</summary>
/// <param name="WallMs">Milliseconds from starting the process to seeing it exit.</param>
/// <param name="PeakRssMb">The process's peak resident memory (<c>VmHWM</c>) in MB.</param>
/// <param name="CpuMs">User plus system CPU milliseconds of the process, all its threads.</param>
public readonly record struct CliStepCost(double WallMs, double PeakRssMb, double CpuMs)
{
    /// <summary>True when every figure is a positive finite number.</summary>
    public bool IsPositive => double.IsFinite(WallMs) && WallMs > 0 && double.IsFinite(PeakRssMb) && PeakRssMb > 0 && double.IsFinite(CpuMs) && CpuMs > 0;

    /// <summary>The median of each figure on its own over <paramref name="costs"/> (the mean of the middle two for an even count).</summary>
    public static CliStepCost Median(IReadOnlyCollection<CliStepCost> costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        return new CliStepCost(Median(costs.Select(c => c.WallMs)), Median(costs.Select(c => c.PeakRssMb)), Median(costs.Select(c => c.CpuMs)));
    }

    /// <summary>The median of <paramref name="values"/>; the mean of the middle two for an even count.</summary>
    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("no values", nameof(values));
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
