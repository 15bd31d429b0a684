using System.Security.Cryptography;
using System.Text;

namespace Realign.Storage;

/// <summary>Bearer tokens: 32 random bytes, base64url, prefixed <c>rlt_</c>; stored only as a SHA-256 hash.</summary>
public static class Tokens
{
    /// <summary>The prefix of every token.</summary>
    public const string Prefix = "rlt_";

    /// <summary>A new random token.</summary>
    public static string New() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored hash of a token (lower-case hex SHA-256).</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>A random id with a prefix, e.g. <c>t_...</c> for tenants.</summary>
    public static string NewId(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    /// <summary>True for a principal's label: 1-100 characters without control characters.</summary>
    public static bool IsValidLabel(string? label) => label is { Length: >= 1 and <= 100 } && !label.Any(char.IsControl);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
