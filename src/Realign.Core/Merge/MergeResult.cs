namespace Realign.Core.Merge;

/// <summary>The outcome of merging one write into one entity.</summary>
/// <remarks><see cref="Changed"/> is true when any register changed (visible or not), so the entity must be stored
/// and its version moved on. <see cref="Proposals"/> lists the proposals this write created; <see cref="Conflicts"/> the
/// user-versus-user conflicts it caused.</remarks>
public sealed record MergeResult(
    ItemOutcome Outcome,
    bool Changed,
    long Version,
    IReadOnlyList<FieldChange> Fields,
    IReadOnlyList<PendingProposal> Proposals,
    IReadOnlyList<ConflictRecord> Conflicts);
