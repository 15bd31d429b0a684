namespace Realign.Core.Rules;

/// <summary>Size and clock limits an item must respect.</summary>
public sealed record AdmissionLimits
{
    /// <summary>Largest compact payload, in UTF-8 bytes.</summary>
    public int MaxPayloadBytes { get; init; } = 256 * 1024;

    /// <summary>Most fields in one payload.</summary>
    public int MaxFields { get; init; } = 256;

    /// <summary>How far <c>last_modified_at</c> may run ahead of the server clock.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The defaults.</summary>
    public static AdmissionLimits Default { get; } = new();
}
