namespace Realign.Core.Contract;

/// <summary>The body of <c>GET /sync/checksum</c>: the tenant's <see cref="Core.Contract.ReplicaChecksum"/> at <paramref name="Cursor"/>.</summary>
/// <param name="Checksum">64 hex digits over the registers of the live entities.</param>
/// <param name="Entities">The number of live entities hashed.</param>
/// <param name="Cursor">The cursor of the same snapshot; a replica pulled exactly to it should hold the same checksum.</param>
public sealed record ChecksumResponse(string Checksum, long Entities, long Cursor);
