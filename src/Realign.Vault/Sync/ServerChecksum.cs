namespace Realign.Vault.Sync;

/// <summary>The server's <see cref="Core.Contract.ReplicaChecksum"/> of the tenant at <paramref name="Cursor"/> (<c>GET /sync/checksum</c>).</summary>
/// <param name="Checksum">64 hex digits over the registers of the live entities.</param>
/// <param name="Entities">The number of live entities hashed.</param>
/// <param name="Cursor">The cursor of the same snapshot.</param>
public sealed record ServerChecksum(string Checksum, long Entities, long Cursor);
