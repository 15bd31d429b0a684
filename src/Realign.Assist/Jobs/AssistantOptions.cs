namespace Realign.Assist.Jobs;

/// <summary>How an <see cref="Assistant"/> calls its provider.</summary>
public sealed record AssistantOptions
{
    /// <summary>The provider's key, when it needs one.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The tenant's own words to redact.</summary>
    public IReadOnlyCollection<string> TenantWords { get; init; } = [];

    /// <summary>How long one call may take (default 60 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The embedding model to use instead of the provider's own (tests; a host that shares one); the assistant
    /// does not dispose it.</summary>
    public Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>? Embeddings { get; init; }

    /// <summary>How many pieces go to the embedding model in one call (default 32).</summary>
    public int EmbeddingBatch { get; init; } = 32;

    /// <summary>The clock for latency, timeouts and record times.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
