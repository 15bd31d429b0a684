using Realign.Core.Truth;

namespace Realign.Core.Contract;

/// <summary>A tenant's exposure policy: what a model on each AI level may read of the tenant's content.</summary>
/// <remarks>One exposure per place a model runs, which is also its truth level: on this machine (<see cref="Local"/>,
/// level 3), on the local network (<see cref="Lan"/>, level 4), in the cloud (<see cref="Cloud"/>, level 5). Whoever calls
/// a model (the vault, an orchestrator) asks <see cref="For"/> with the model's level and sends no more than it allows.</remarks>
/// <param name="Local">What a model on this machine (level 3, <c>ai-local:</c>) may read.</param>
/// <param name="Lan">What a model on the local network (level 4, <c>ai-lan:</c>) may read.</param>
/// <param name="Cloud">What a model in the cloud (level 5, <c>ai-cloud:</c>) may read.</param>
public sealed record ExposurePolicy(Exposure Local, Exposure Lan, Exposure Cloud)
{
    /// <summary>What a model whose outputs are stamped <paramref name="level"/> may read.</summary>
    /// <exception cref="ArgumentOutOfRangeException">For levels 1 and 2: the user and the user's automations are not models,
    /// and the policy says nothing about them.</exception>
    public Exposure For(TruthLevel level) => level switch
    {
        TruthLevel.AiLocal => Local,
        TruthLevel.AiLan => Lan,
        TruthLevel.AiCloud => Cloud,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "an exposure is set for the AI levels only: 3 (local), 4 (lan) and 5 (cloud)"),
    };

    /// <summary>The policy with <paramref name="change"/> applied: each level it names takes the new exposure, the others keep theirs.</summary>
    public ExposurePolicy With(ExposureChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new(change.Local ?? Local, change.Lan ?? Lan, change.Cloud ?? Cloud);
    }

    /// <summary>The wire names of the levels whose exposure differs in <paramref name="other"/>, in level order.</summary>
    public IReadOnlyList<string> Differences(ExposurePolicy other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var names = new List<string>(3);
        if (Local != other.Local)
        {
            names.Add(ExposurePolicies.LocalName);
        }

        if (Lan != other.Lan)
        {
            names.Add(ExposurePolicies.LanName);
        }

        if (Cloud != other.Cloud)
        {
            names.Add(ExposurePolicies.CloudName);
        }

        return names;
    }
}
