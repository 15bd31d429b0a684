using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using Realign.Assist.Embeddings;

namespace Realign.Assist.Providers;

/// <summary>The <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of a checked provider: the offline all-MiniLM-L6-v2
/// model in process for the built-in one, the OpenAI embeddings API for an OpenAI-compatible endpoint, Ollama's own API for
/// Ollama. The level of what it makes is the provider's, as for every assistant output.</summary>
public static class EmbeddingGenerators
{
    private static readonly Lazy<MiniLmEmbeddingGenerator> LocalModel = new(() => new MiniLmEmbeddingGenerator(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The one in-process model of this process (loaded on its first call, shared by every caller, never disposed).</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> Local => LocalModel.Value;

    /// <summary>The generator of <paramref name="provider"/>; <paramref name="owned"/> is true when the caller disposes it.</summary>
    /// <exception cref="ProviderConfigurationException">A kind this build has no embeddings client for.</exception>
    public static IEmbeddingGenerator<string, Embedding<float>> Create(ProviderIdentity provider, string? apiKey, out bool owned)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var options = provider.Options;
        owned = options.Kind != ProviderKind.Builtin;
        return options.Kind switch
        {
            ProviderKind.Builtin => Local,
            ProviderKind.OpenAi => new OpenAI.Embeddings.EmbeddingClient(options.Model, new ApiKeyCredential(apiKey ?? "none"), new OpenAIClientOptions
            {
                Endpoint = options.Endpoint,
                RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: 1),
            }).AsIEmbeddingGenerator(),
            ProviderKind.Ollama => new OllamaSharp.OllamaApiClient(options.Endpoint!, options.Model),
            _ => throw new ProviderConfigurationException($"provider '{options.Name}': the {options.Kind} kind has no embeddings client in this build"),
        };
    }

    /// <summary>The model id a generator names, else <paramref name="fallback"/>.</summary>
    public static string ModelOf(IEmbeddingGenerator<string, Embedding<float>> generator, string fallback)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId is { Length: > 0 } id ? id : fallback;
    }
}
