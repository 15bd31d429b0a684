namespace Realign.Storage;

/// <summary>A tenant's <see cref="Core.Contract.ReplicaChecksum"/> and the cursor it was taken at (one snapshot).</summary>
/// <param name="Checksum">64 hex digits over the registers of the live entities.</param>
/// <param name="Entities">The number of live entities hashed.</param>
/// <param name="Cursor">The tenant's change sequence in the same snapshot: a replica synced to this cursor should match.</param>
public sealed record TenantChecksum(string Checksum, long Entities, long Cursor);
