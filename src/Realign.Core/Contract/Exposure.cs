namespace Realign.Core.Contract;

/// <summary>What a model on one AI level may read of a tenant's content: everything, a redacted copy, its embeddings
/// only, or nothing.</summary>
/// <remarks>A closed set, from the most read to the least. On the wire and in storage it is <c>full</c>, <c>redacted</c>,
/// <c>vectors</c> or <c>none</c> (<see cref="Exposures"/>), never a number; any other name is an error, never a fall-back
/// to <see cref="Full"/>.</remarks>
public enum Exposure
{
    /// <summary>The content as written.</summary>
    Full,

    /// <summary>The content after redaction: secrets, contact and payment details and the tenant's own words become
    /// numbered placeholders, restored on the device in the answer.</summary>
    Redacted,

    /// <summary>Embeddings only: no text of the tenant's is sent to a model of that level (no chat job, no embedding call:
    /// both need the text); the level may receive the embeddings a level that reads the text made. For a local-first tenant
    /// the cloud level at <c>vectors</c> lets the vault share its embeddings with the server in the clear, so the server
    /// answers searches without the text.</summary>
    Vectors,

    /// <summary>Nothing: no model of that level is called with the tenant's content.</summary>
    None,
}
