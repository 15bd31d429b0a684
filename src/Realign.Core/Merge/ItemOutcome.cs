namespace Realign.Core.Merge;

/// <summary>What a write did to its entity, as a push result reports it.</summary>
/// <remarks>A closed set; its wire names are in <see cref="Contract.ItemOutcomes"/>.</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Contract.ItemOutcomeJsonConverter))]
public enum ItemOutcome
{
    /// <summary>At least one visible value changed.</summary>
    Applied,

    /// <summary>Nothing visible changed; the write waits as one or more pending proposals.</summary>
    Proposal,

    /// <summary>A user write met another user write its writer had not seen; the later won and both are kept.</summary>
    Conflict,

    /// <summary>The write lost everywhere and changed nothing visible.</summary>
    Discarded,

    /// <summary>The replica already held exactly this write.</summary>
    Duplicate,
}
