using System.Security.Cryptography;
using System.Text;

namespace Realign.Core.Merge;

/// <summary>A lower-level write waiting for the user beside a user value: accept, edit and accept, or reject.</summary>
/// <remarks>The id is derived from the entity, field, origin and time, so every replica names it alike.
/// <see cref="Field"/> is <see cref="EntityState.DeletedField"/> for a proposal to delete the entity.</remarks>
public sealed record PendingProposal(string Id, EntityKey Key, string Field, Register Proposed, Register Current)
{
    /// <summary>The stable id of a proposal.</summary>
    public static string IdFor(EntityKey key, string field, in Register proposed)
    {
        var text = $"{key.TenantId}\n{key.EntityType}\n{key.EntityId}\n{field}\n{proposed.Stamp.Origin}\n{proposed.Stamp.AtMicros}";
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return "p_" + Convert.ToHexStringLower(hash[..12]);
    }
}
