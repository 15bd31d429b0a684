using System.Security.Cryptography;

namespace Realign.Vault;

/// <summary>New entity ids: a short type prefix and 12 random hex digits, short enough to type.</summary>
public static class EntityIds
{
    /// <summary>A new id such as <c>n-3f9a0c1b2d4e</c>.</summary>
    public static string New(string prefix) => $"{prefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
}
