using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using Realign.Assist.Redaction;

namespace Realign.Assist.Providers;

/// <summary>Builds the <see cref="IChatClient"/> pipeline of a checked provider: the protocol client, and for every provider
/// that is not local the redaction step, so no code path can send text to it around the redaction.</summary>
public static class ChatClients
{
    /// <summary>The pipeline for <paramref name="provider"/>.</summary>
    /// <param name="provider">A provider checked by <see cref="ProviderCheck.Validate"/>.</param>
    /// <param name="apiKey">The provider's key, when it needs one.</param>
    /// <param name="tenantWords">The tenant's own words to redact.</param>
    /// <exception cref="ProviderConfigurationException">A kind this build cannot speak to yet.</exception>
    public static IChatClient Create(ProviderIdentity provider, string? apiKey = null, IReadOnlyCollection<string>? tenantWords = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var options = provider.Options;
        IChatClient inner = options.Kind switch
        {
            ProviderKind.OpenAi => new OpenAI.Chat.ChatClient(options.Model, new ApiKeyCredential(apiKey ?? "none"), new OpenAIClientOptions { Endpoint = options.Endpoint })
                .AsIChatClient(),
            ProviderKind.Ollama => new OllamaSharp.OllamaApiClient(options.Endpoint!, options.Model),
            _ => throw new ProviderConfigurationException($"provider '{options.Name}': the {options.Kind} kind has no client in this build"),
        };
        var builder = new ChatClientBuilder(inner);
        if (options.Placement != ProviderPlacement.Local)
        {
            builder.Use(next => new RedactingChatClient(next, tenantWords));
        }

        return builder.Build();
    }
}
