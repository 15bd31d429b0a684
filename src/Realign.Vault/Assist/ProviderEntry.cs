using Realign.Assist.Providers;

namespace Realign.Vault.Assist;

/// <summary>One provider in <c>assist.json</c>.</summary>
public sealed class ProviderEntry
{
    /// <summary>Its name (part of the origin of a cloud provider's outputs).</summary>
    public string? Name { get; set; }

    /// <summary><c>openai</c> (any OpenAI-compatible endpoint) or <c>ollama</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>Where it runs: <c>local</c> (level 3), <c>lan</c> (4) or <c>cloud</c> (5).</summary>
    public string? Placement { get; set; }

    /// <summary>The endpoint, such as <c>http://127.0.0.1:11434</c> or <c>https://api.openai.com/v1</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model.</summary>
    public string? Model { get; set; }

    /// <summary>The environment variable that holds its key, if it needs one.</summary>
    public string? ApiKeyEnv { get; set; }

    /// <summary>How long a call may take, in seconds (default 60).</summary>
    public int? TimeoutSeconds { get; set; }

    /// <summary>The provider's options, parsed.</summary>
    /// <exception cref="ProviderConfigurationException">A bad kind, placement or endpoint, naming the provider.</exception>
    public ProviderOptions ToOptions()
    {
        var name = Name ?? "";
        Uri? endpoint = null;
        if (Endpoint is { } text && !Uri.TryCreate(text, UriKind.Absolute, out endpoint))
        {
            throw new ProviderConfigurationException($"provider '{name}': endpoint '{text}' is not an absolute URL");
        }

        if (TimeoutSeconds is <= 0 or > 3600)
        {
            throw new ProviderConfigurationException($"provider '{name}': timeout_seconds must be 1-3600");
        }

        return new ProviderOptions(name, ProviderNames.ParseKind(Kind, name), ProviderNames.ParsePlacement(Placement, name), endpoint, Model ?? "");
    }

    /// <summary>The key from <see cref="ApiKeyEnv"/>, or null.</summary>
    /// <exception cref="VaultException">The variable is named but not set.</exception>
    public string? ApiKey() => ApiKeyEnv is not { Length: > 0 } env
        ? null
        : Environment.GetEnvironmentVariable(env) is { Length: > 0 } key ? key : throw new VaultException($"provider '{Name}': its key is in ${env}, which is not set");
}
