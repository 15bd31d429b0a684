using Realign.Core.Truth;

namespace Realign.Core.Merge;

/// <summary>One step of an entity's provenance: a source that wrote it, when, and how many times in a row.</summary>
/// <remarks><see cref="Ref"/> links an upgrade to the proposal it accepted.</remarks>
public readonly record struct ProvenanceEntry(TruthLevel Level, string Source, long AtMicros, string? Ref = null, int Count = 1);
