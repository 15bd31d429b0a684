using Realign.Core.Truth;

namespace Realign.Core.Contract;

/// <summary>The defaults of <see cref="ExposurePolicy"/> and its wire form (<see cref="ExposurePolicyDto"/>).</summary>
public static class ExposurePolicies
{
    /// <summary>The wire name of the level-3 exposure.</summary>
    public const string LocalName = "local";

    /// <summary>The wire name of the level-4 exposure.</summary>
    public const string LanName = "lan";

    /// <summary>The wire name of the level-5 exposure.</summary>
    public const string CloudName = "cloud";

    /// <summary>The policy of a tenant that never set one: models on this machine and on the local network read the content
    /// as written; a cloud model reads it redacted, or, for a local-first tenant, not at all.</summary>
    /// <remarks>A local-first tenant keeps its content encrypted outside its vaults, so the safe default sends nothing of it
    /// to a cloud model; its owner may still allow one.</remarks>
    public static ExposurePolicy Default(VaultMode mode) => mode switch
    {
        VaultMode.LocalFirst => new(Exposure.Full, Exposure.Full, Exposure.None),
        VaultMode.CloudFirst => new(Exposure.Full, Exposure.Full, Exposure.Redacted),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "not a vault mode"),
    };

    /// <summary>The wire form of a policy, with when it was last set (null for the defaults).</summary>
    public static ExposurePolicyDto ToDto(this ExposurePolicy policy, long? updatedAtMicros)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new(policy.Local.ToWire(), policy.Lan.ToWire(), policy.Cloud.ToWire(), updatedAtMicros is { } at ? UtcMicros.Format(at) : null);
    }

    /// <summary>Reads a change from a body: each level it names must be an exposure name; a missing or null level keeps its
    /// exposure. On failure <paramref name="errors"/> holds one (field, message) pair per wrong field and nothing is changed.</summary>
    /// <remarks>A body that names no level, or that sets <c>updated_at</c> (the server's), is refused too.</remarks>
    public static bool TryReadChange(ExposurePolicyDto body, out ExposureChange change, out IReadOnlyList<(string Field, string Message)> errors)
    {
        ArgumentNullException.ThrowIfNull(body);
        var found = new List<(string Field, string Message)>();
        var local = Level(body.Local, LocalName, found);
        var lan = Level(body.Lan, LanName, found);
        var cloud = Level(body.Cloud, CloudName, found);
        if (body.UpdatedAt is not null)
        {
            found.Add(("updated_at", "updated_at is set by the server; send only local, lan and cloud"));
        }

        change = new ExposureChange(local, lan, cloud);
        if (found.Count == 0 && change.IsEmpty)
        {
            found.Add(("$", $"the body names no level; give at least one of {LocalName}, {LanName} and {CloudName}, each {Exposures.Expected}"));
        }

        errors = found;
        return found.Count == 0;
    }

    private static Exposure? Level(string? text, string field, List<(string Field, string Message)> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (Exposures.TryParse(text, out var exposure))
        {
            return exposure;
        }

        errors.Add((field, Exposures.Describe(text, field)));
        return null;
    }
}
