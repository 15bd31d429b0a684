namespace Realign.Core.Contract;

/// <summary>What a model on one AI level may read of a tenant's content: everything, a redacted copy, or nothing.</summary>
/// <remarks>A closed set. On the wire and in storage it is <c>full</c>, <c>redacted</c> or <c>none</c> (<see cref="Exposures"/>),
/// never a number; any other name is an error, never a fall-back to <see cref="Full"/>. <c>vectors</c> (embeddings only)
/// is reserved for the next member: it takes its place between <see cref="Redacted"/> and <see cref="None"/>.</remarks>
public enum Exposure
{
    /// <summary>The content as written.</summary>
    Full,

    /// <summary>The content after redaction: secrets, contact and payment details and the tenant's own words become
    /// numbered placeholders, restored on the device in the answer.</summary>
    Redacted,

    /// <summary>Nothing: no model of that level is called with the tenant's content.</summary>
    None,
}
