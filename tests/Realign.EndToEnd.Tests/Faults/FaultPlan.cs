namespace Realign.EndToEnd.Tests.Faults;

public sealed class FaultPlan
{
    private readonly Random _random;
    private readonly Lock _gate = new();
    private readonly FaultKind[] _kinds;

    public FaultPlan(int seed, double faultRate, params FaultKind[] kinds)
    {
        _random = new Random(seed);
        FaultRate = faultRate;
        _kinds = kinds.Length == 0 ? Enum.GetValues<FaultKind>().Where(k => k != FaultKind.Pass).ToArray() : kinds;
    }

    public double FaultRate { get; set; }

    public bool Enabled { get; set; } = true;

    public (FaultKind Kind, int DelayMs) Next()
    {
        lock (_gate)
        {
            if (!Enabled || _random.NextDouble() >= FaultRate)
            {
                return (FaultKind.Pass, 0);
            }

            return (_kinds[_random.Next(_kinds.Length)], _random.Next(50, 400));
        }
    }
}
