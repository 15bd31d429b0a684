namespace Realign.Benchmarks;

/// <summary>One backend at one size: Realign over HTTP against the raw driver, best of the runs.</summary>
public sealed record CompareRow(
    string Backend,
    int Items,
    double PushPerSecond,
    double RawUpsertPerSecond,
    double PullPerSecond,
    double RawReadPerSecond,
    double ServerPeakRssMb,
    bool ServerInProcess)
{
    /// <summary>Realign push rate over the raw upsert rate.</summary>
    public double PushRatio => PushPerSecond / RawUpsertPerSecond;

    /// <summary>Realign pull rate over the raw read rate.</summary>
    public double PullRatio => PullPerSecond / RawReadPerSecond;

    /// <summary>Microseconds per pushed item.</summary>
    public double PushMicrosPerItem => 1e6 / PushPerSecond;

    /// <summary>Microseconds per pulled item.</summary>
    public double PullMicrosPerItem => 1e6 / PullPerSecond;
}
