using Realign.Vault;
using Realign.Vault.Sync;

namespace Realign.Cli.Vault;

/// <summary>Finds and opens the vault a command works on, and builds its HTTP transport.</summary>
internal static class VaultSession
{
    public const string TokenFile = "token";

    public static LocalVault Open(VaultCommandSettings settings)
    {
        var dir = settings.Vault ?? Environment.GetEnvironmentVariable("REALIGN_VAULT") ?? Directory.GetCurrentDirectory();
        return LocalVault.Open(dir);
    }

    public static HttpSyncTransport Transport(LocalVault vault, int maxRetries = 5)
    {
        var url = vault.Settings.ServerUrl ?? throw new VaultException("this vault has no server; it was created without --server");
        return new HttpSyncTransport(new Uri(url), ReadToken(vault), maxRetries: maxRetries);
    }

    /// <summary>The entity named by <paramref name="reference"/>: <c>type/id</c>, or the id of a note or task.</summary>
    public static VaultEntity FindEntity(LocalVault vault, string reference)
    {
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        var entity = slash > 0
            ? vault.Get(reference[..slash], reference[(slash + 1)..])
            : vault.Get("note", reference) ?? vault.Get("task", reference);
        return entity ?? throw new VaultException($"no entity '{reference}' (use type/id)");
    }

    /// <summary>True when <paramref name="reference"/> names a suggestion (<c>p_...</c>) rather than an entity.</summary>
    public static bool IsProposalId(string reference) => reference.StartsWith("p_", StringComparison.Ordinal) && !reference.Contains('/', StringComparison.Ordinal);

    public static SyncClient Client(LocalVault vault, HttpSyncTransport transport, SyncOptions? options = null) => new(vault, transport, options);

    private static string ReadToken(LocalVault vault)
    {
        if (Environment.GetEnvironmentVariable("REALIGN_TOKEN") is { Length: > 0 } fromEnv)
        {
            return fromEnv;
        }

        var reference = vault.Settings.TokenReference ?? throw new VaultException("this vault has no token; set REALIGN_TOKEN");
        if (reference.StartsWith("env:", StringComparison.Ordinal))
        {
            return Environment.GetEnvironmentVariable(reference[4..]) is { Length: > 0 } t ? t : throw new VaultException($"the vault's token is in ${reference[4..]}, which is not set");
        }

        var path = reference.StartsWith("file:", StringComparison.Ordinal) ? reference[5..] : reference;
        path = Path.IsPathRooted(path) ? path : Path.Combine(vault.Directory, path);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : throw new VaultException($"the vault's token file '{path}' is missing");
    }
}
