namespace Realign.Storage;

/// <summary>A tenant's enrolled confirmations and its failure guard.</summary>
/// <param name="Factors">By kind (<c>totp</c>, <c>totp_pending</c>, <c>pin</c>): the stored secret and, for TOTP, the last step taken.</param>
/// <param name="Guard">Failures and lockout.</param>
public sealed record ConfirmState(IReadOnlyDictionary<string, ConfirmFactor> Factors, ConfirmGuard Guard)
{
    /// <summary>The factor of a kind, or null.</summary>
    public ConfirmFactor? Factor(string kind) => Factors.TryGetValue(kind, out var factor) ? factor : null;
}

/// <summary>One stored confirmation factor.</summary>
/// <param name="Secret">Sealed TOTP secret or PIN hash.</param>
/// <param name="LastStep">The last TOTP time step accepted, or null.</param>
/// <param name="CreatedAt">When it was stored (UTC microseconds).</param>
public sealed record ConfirmFactor(string Secret, long? LastStep, long CreatedAt);

/// <summary>The failure guard of a tenant's confirmations.</summary>
/// <param name="Failures">Failures since the last success or lockout.</param>
/// <param name="Lockouts">Lockouts since the last success.</param>
/// <param name="LockedUntil">When the current lockout ends (UTC microseconds), or null.</param>
public sealed record ConfirmGuard(int Failures, int Lockouts, long? LockedUntil)
{
    /// <summary>No failures.</summary>
    public static ConfirmGuard None { get; } = new(0, 0, null);

    /// <summary>True while a lockout lasts at <paramref name="nowMicros"/>.</summary>
    public bool IsLocked(long nowMicros) => LockedUntil is { } until && until > nowMicros;
}

/// <summary>When failures lock confirmations, and for how long.</summary>
/// <param name="MaxFailures">Failures in a row that lock (5).</param>
/// <param name="FirstLockout">The first lockout's length (1 minute); each further one since the last success doubles it.</param>
/// <param name="MaxLockout">The longest lockout (1 hour).</param>
public sealed record ConfirmGuardRule(int MaxFailures, TimeSpan FirstLockout, TimeSpan MaxLockout)
{
    /// <summary>5 failures; 1 minute, doubling to at most an hour.</summary>
    public static ConfirmGuardRule Default { get; } = new(5, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));

    /// <summary>The length of lockout number <paramref name="lockout"/> (1 for the first).</summary>
    public TimeSpan LockoutLength(int lockout)
    {
        var length = FirstLockout * Math.Pow(2, Math.Min(Math.Max(lockout, 1) - 1, 30));
        return length > MaxLockout ? MaxLockout : length;
    }
}
