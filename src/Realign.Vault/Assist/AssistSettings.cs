using System.Text.Json;
using Realign.Assist.Providers;

namespace Realign.Vault.Assist;

/// <summary>The assistants a vault may call, kept in <c>assist.json</c> in the vault folder (owner-only): providers, the
/// default one, and the tenant's own words to redact. Keys are never stored here, only the name of the environment
/// variable that holds one.</summary>
/// <remarks>Every provider is checked with <see cref="ProviderCheck.Validate"/> whenever the file is read, so a provider
/// whose endpoint does not bear out its placement stops the command with one line naming it.</remarks>
public sealed class AssistSettings
{
    /// <summary>The file in the vault folder.</summary>
    public const string FileName = "assist.json";

    /// <summary>The configured providers (the built-in one is always there besides them).</summary>
    public List<ProviderEntry> Providers { get; set; } = [];

    /// <summary>The provider used when none is named (the built-in one when null).</summary>
    public string? Default { get; set; }

    /// <summary>The tenant's own words, redacted from every text that leaves the machine.</summary>
    public List<string> TenantWords { get; set; } = [];

    /// <summary>Reads the vault's settings (empty when the file is missing).</summary>
    /// <exception cref="VaultException">The file is not valid, or a provider in it fails its check (one line naming it).</exception>
    public static AssistSettings Load(string vaultDirectory)
    {
        ArgumentNullException.ThrowIfNull(vaultDirectory);
        var path = Path.Combine(vaultDirectory, FileName);
        if (!File.Exists(path))
        {
            return new AssistSettings();
        }

        AssistSettings? settings;
        try
        {
            settings = JsonSerializer.Deserialize(File.ReadAllText(path), AssistSettingsJsonContext.Default.AssistSettings);
        }
        catch (JsonException ex)
        {
            throw new VaultException($"{path} is not valid: {ex.Message}", ex);
        }

        settings ??= new AssistSettings();
        settings.Check();
        return settings;
    }

    /// <summary>Writes the settings (replacing the file at once, owner-only).</summary>
    public void Save(string vaultDirectory)
    {
        ArgumentNullException.ThrowIfNull(vaultDirectory);
        Check();
        var path = Path.Combine(vaultDirectory, FileName);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, AssistSettingsJsonContext.Default.AssistSettings));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Every provider with its checked level and origin, the built-in one first.</summary>
    /// <exception cref="VaultException">A provider fails its check.</exception>
    public IReadOnlyList<(ProviderIdentity Identity, ProviderEntry? Entry)> Checked()
    {
        var list = new List<(ProviderIdentity, ProviderEntry?)> { (ProviderCheck.Validate(ProviderNames.Builtin), null) };
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ProviderNames.Builtin.Name };
        foreach (var entry in Providers)
        {
            if (!names.Add(entry.Name ?? ""))
            {
                throw new VaultException($"provider '{entry.Name}': the name is used twice in {FileName}");
            }

            try
            {
                list.Add((ProviderCheck.Validate(entry.ToOptions()), entry));
            }
            catch (ProviderConfigurationException ex)
            {
                throw new VaultException(ex.Message, ex);
            }
        }

        return list;
    }

    /// <summary>The provider named <paramref name="name"/>, or the default one when null.</summary>
    /// <exception cref="VaultException">No provider of that name.</exception>
    public (ProviderIdentity Identity, ProviderEntry? Entry) Find(string? name)
    {
        var wanted = name ?? Default ?? ProviderNames.Builtin.Name;
        var all = Checked();
        foreach (var provider in all)
        {
            if (string.Equals(provider.Identity.Options.Name, wanted, StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }

        throw new VaultException($"no provider '{wanted}'; the providers are {string.Join(", ", all.Select(p => p.Identity.Options.Name))} (see 'realign assist providers')");
    }

    private void Check()
    {
        _ = Checked();
        if (Default is { } d && !Checked().Any(p => string.Equals(p.Identity.Options.Name, d, StringComparison.OrdinalIgnoreCase)))
        {
            throw new VaultException($"{FileName}: the default provider '{d}' is not configured");
        }
    }
}
