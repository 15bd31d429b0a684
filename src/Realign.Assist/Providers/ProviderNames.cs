namespace Realign.Assist.Providers;

/// <summary>The names of provider kinds and placements in configuration files and on the command line.</summary>
public static class ProviderNames
{
    /// <summary>The built-in assistant's provider: in process, level 3, no model to download.</summary>
    public static ProviderOptions Builtin { get; } = new("builtin", ProviderKind.Builtin, ProviderPlacement.Local, null, "builtin");

    /// <summary><c>builtin</c>, <c>openai</c> or <c>ollama</c>.</summary>
    public static string ToName(this ProviderKind kind) => kind switch
    {
        ProviderKind.Builtin => "builtin",
        ProviderKind.OpenAi => "openai",
        ProviderKind.Ollama => "ollama",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown kind"),
    };

    /// <summary><c>local</c>, <c>lan</c> or <c>cloud</c>.</summary>
    public static string ToName(this ProviderPlacement placement) => placement switch
    {
        ProviderPlacement.Local => "local",
        ProviderPlacement.Lan => "lan",
        ProviderPlacement.Cloud => "cloud",
        _ => throw new ArgumentOutOfRangeException(nameof(placement), placement, "unknown placement"),
    };

    /// <summary>Parses a kind name.</summary>
    /// <exception cref="ProviderConfigurationException">An unknown name, naming the provider.</exception>
    public static ProviderKind ParseKind(string? text, string provider) => text?.Trim().ToLowerInvariant() switch
    {
        "builtin" => ProviderKind.Builtin,
        "openai" or "openai-compatible" => ProviderKind.OpenAi,
        "ollama" => ProviderKind.Ollama,
        _ => throw new ProviderConfigurationException($"provider '{provider}': kind '{text}' is not one of builtin, openai, ollama"),
    };

    /// <summary>Parses a placement name.</summary>
    /// <exception cref="ProviderConfigurationException">An unknown name, naming the provider.</exception>
    public static ProviderPlacement ParsePlacement(string? text, string provider) => text?.Trim().ToLowerInvariant() switch
    {
        "local" => ProviderPlacement.Local,
        "lan" => ProviderPlacement.Lan,
        "cloud" => ProviderPlacement.Cloud,
        _ => throw new ProviderConfigurationException($"provider '{provider}': placement '{text}' is not one of local, lan, cloud"),
    };
}
