namespace Realign.Core.Merge;

/// <summary>Two user writes to one field where the writer had not seen the other: the later won, both are kept.</summary>
/// <remarks>The id is derived from the entity, field and both stamps, so a replayed write names the same conflict.</remarks>
public sealed record ConflictRecord(string Id, EntityKey Key, string Field, Register Winner, Register Loser, long? BaseVersion, long ChangedAtVersion)
{
    /// <summary>The stable id of a conflict between two registers.</summary>
    public static string IdFor(EntityKey key, string field, in Register a, in Register b)
    {
        var (x, y) = a.CompareRank(b) >= 0 ? (a, b) : (b, a);
        var text = $"{key}\n{field}\n{x.Stamp}\n{y.Stamp}";
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text), hash);
        return "c_" + Convert.ToHexStringLower(hash[..12]);
    }
}
