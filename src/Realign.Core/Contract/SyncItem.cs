using System.Text.Json;

namespace Realign.Core.Contract;

/// <summary>The unit of change on the wire, in both directions (snake_case JSON).</summary>
/// <remarks>
/// On push a client sets the identity, its claimed <see cref="TruthLevel"/> and <see cref="OriginSource"/>,
/// <see cref="LastModifiedAt"/>, <see cref="Payload"/> (a patch: fields not carried are untouched),
/// <see cref="Deleted"/>, <see cref="AcceptedByUser"/> and <see cref="BaseVersion"/>. The server owns
/// <see cref="Version"/>, <see cref="FieldStamps"/> (the deleted flag's under <c>_deleted</c>), <see cref="Proposals"/> and
/// <see cref="LastModifiedByLevel"/>: it fills them on pull and refuses them on push.
/// </remarks>
public sealed class SyncItem
{
    /// <summary>The kind of entity: note, task, automation, device, ...</summary>
    public string? EntityType { get; set; }

    /// <summary>The entity's stable id inside its tenant.</summary>
    public string? EntityId { get; set; }

    /// <summary>The tenant; optional on push (the token decides), always set on pull.</summary>
    public string? TenantId { get; set; }

    /// <summary>Push: the level claimed for this write. Pull: the entity's derived level.</summary>
    public int? TruthLevel { get; set; }

    /// <summary>Push: who wrote this (<c>user:desktop</c>, <c>ai-cloud:model</c>). Pull: the last visible writer.</summary>
    public string? OriginSource { get; set; }

    /// <summary>Provenance; on push it may name the lower origin of an accepted value.</summary>
    public List<ProvenanceDto>? OriginChain { get; set; }

    /// <summary>The per-entity version: set by the server on pull. On push (the seed's item shape) it is read as the version
    /// the item was edited from, as <see cref="BaseVersion"/>; one ahead of the server's is refused (<c>version-ahead</c>).</summary>
    public long? Version { get; set; }

    /// <summary>When the write happened (ISO-8601 with an offset or Z).</summary>
    public string? LastModifiedAt { get; set; }

    /// <summary>The entity fields (a JSON object); values may be encrypted envelopes.</summary>
    public JsonElement? Payload { get; set; }

    /// <summary>True for a delete.</summary>
    public bool Deleted { get; set; }

    /// <summary>True when a user accepted or edited this value from a lower level (the upgrade rule).</summary>
    public bool AcceptedByUser { get; set; }

    /// <summary>The entity version the writer last saw; a user write older than a changed user value is a conflict.</summary>
    public long? BaseVersion { get; set; }

    /// <summary>Pull only: the level of the last write that changed a visible value.</summary>
    public int? LastModifiedByLevel { get; set; }

    /// <summary>Pull only: every register of every field (the deleted flag under <c>_deleted</c>), so a replica merges exactly as the server did.</summary>
    public Dictionary<string, FieldStampDto>? FieldStamps { get; set; }

    /// <summary>Pull only: pending proposals beside user values.</summary>
    public List<ProposalDto>? Proposals { get; set; }
}
