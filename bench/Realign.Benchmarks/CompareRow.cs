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
    /// <summary>The workload's name (<see cref="BenchWorkload"/>): <c>real</c> or <c>fresh</c>.</summary>
    public string Workload { get; init; } = BenchWorkload.Real.Name;

    /// <summary>Entities of another tenant in the server's database and in the raw table before the timed run; null when the
    /// two differ (the fresh workload's raw table holds only 2,000).</summary>
    public int? Others { get; init; }

    /// <summary>Realign push rate over the raw upsert rate.</summary>
    public double PushRatio => PushPerSecond / RawUpsertPerSecond;

    /// <summary>Realign pull rate over the raw read rate.</summary>
    public double PullRatio => PullPerSecond / RawReadPerSecond;

    /// <summary>Microseconds per pushed item.</summary>
    public double PushMicrosPerItem => 1e6 / PushPerSecond;

    /// <summary>Microseconds per pulled item.</summary>
    public double PullMicrosPerItem => 1e6 / PullPerSecond;

    /// <summary>The raw read below the ADO.NET driver (SQLite: SQLitePCLRaw), items/s; null where the backend has no such layer.</summary>
    public double? NativeReadPerSecond { get; init; }

    /// <summary>Realign pull rate over <see cref="NativeReadPerSecond"/>.</summary>
    public double? PullRatioNative => PullPerSecond / NativeReadPerSecond;

    /// <summary>CPU time per item of the server's process and of the client (the bench process), during the push and the pull.</summary>
    public CpuPerItem? Cpu { get; init; }
}

/// <summary>CPU microseconds per item, user and system, of the server and of the client, while pushing and while pulling.</summary>
public sealed record CpuPerItem(double ServerPush, double ClientPush, double ServerPull, double ClientPull);
