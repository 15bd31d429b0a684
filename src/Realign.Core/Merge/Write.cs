using Realign.Core.Truth;

namespace Realign.Core.Merge;

/// <summary>A validated, authorised write of one item: every carried field stamped with <see cref="Stamp"/>.</summary>
/// <remarks>Built by <see cref="Rules.ItemAdmission"/> from a wire item, or by a replica from its own edits.
/// <see cref="Fields"/> values are compact JSON; a field not carried is untouched. <see cref="ClaimedVersion"/> is the
/// entity <c>version</c> a seed-shape item carried (then also its <see cref="BaseVersion"/>): the replica that orders writes
/// refuses it when it is ahead of the version it holds.</remarks>
public sealed record Write(
    EntityKey Key,
    Stamp Stamp,
    IReadOnlyList<KeyValuePair<string, string>> Fields,
    bool Deleted = false,
    string? AcceptedFrom = null,
    long? BaseVersion = null,
    string? Ref = null,
    long? ClaimedVersion = null);
