using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using Realign.Core.Contract;
using Realign.Assist.Redaction;

namespace Realign.Assist.Providers;

/// <summary>Builds the <see cref="IChatClient"/> pipeline of a checked provider: the protocol client, and the redaction step
/// for every provider that is not local (and for a local one whose exposure is <c>redacted</c>), so no code path can send
/// text to it around the redaction.</summary>
public static class ChatClients
{
    /// <summary>The pipeline for <paramref name="provider"/>.</summary>
    /// <param name="provider">A provider checked by <see cref="ProviderCheck.Validate"/>.</param>
    /// <param name="exposure">What the provider's level may read under the tenant's policy (see <see cref="RedactingChatClient"/>).</param>
    /// <param name="apiKey">The provider's key, when it needs one.</param>
    /// <param name="tenantWords">The tenant's own words to redact.</param>
    /// <exception cref="ProviderConfigurationException">A kind this build cannot speak to yet.</exception>
    public static IChatClient Create(ProviderIdentity provider, Exposure exposure, string? apiKey = null, IReadOnlyCollection<string>? tenantWords = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var options = provider.Options;
        IChatClient inner = options.Kind switch
        {
            ProviderKind.OpenAi => new OpenAI.Chat.ChatClient(options.Model, new ApiKeyCredential(apiKey ?? "none"), new OpenAIClientOptions
            {
                Endpoint = options.Endpoint,

                // One retry of a transient failure; the job's own timeout bounds the whole call, and a failed job can run again.
                RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: 1),
            })
                .AsIChatClient(),
            ProviderKind.Ollama => new OllamaSharp.OllamaApiClient(options.Endpoint!, options.Model),
            _ => throw new ProviderConfigurationException($"provider '{options.Name}': the {options.Kind} kind has no client in this build"),
        };
        var builder = new ChatClientBuilder(inner);
        if (options.Placement != ProviderPlacement.Local || exposure != Exposure.Full)
        {
            builder.Use(next => new RedactingChatClient(next, tenantWords, exposure));
        }

        return builder.Build();
    }
}
