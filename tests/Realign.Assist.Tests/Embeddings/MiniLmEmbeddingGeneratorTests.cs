using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Realign.Assist.Embeddings;

namespace Realign.Assist.Tests.Embeddings;

public sealed class MiniLmEmbeddingGeneratorTests
{
    private static float Cosine(Embedding<float> a, Embedding<float> b) => TensorPrimitives.CosineSimilarity(a.Vector.Span, b.Vector.Span);

    [Fact]
    public async Task SameText_SameVectorEveryTime_384Dimensions_ModelNamed()
    {
        using var generator = new MiniLmEmbeddingGenerator();

        var first = await generator.GenerateAsync(["The boiler knocks every morning."]);
        var again = await generator.GenerateAsync(["Call the plumber", "The boiler knocks every morning."]);

        Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, first[0].Vector.Length);
        Assert.Equal(first[0].Vector.ToArray(), again[1].Vector.ToArray());
        Assert.Equal(MiniLmEmbeddingGenerator.ModelId, first[0].ModelId);
        Assert.Equal(MiniLmEmbeddingGenerator.ModelId, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
    }

    [Fact]
    public async Task Paraphrase_CloserThanAnUnrelatedNote()
    {
        using var generator = new MiniLmEmbeddingGenerator();

        var v = await generator.GenerateAsync(["The heating makes a banging noise at dawn.", "The boiler knocks every morning.", "Buy tulip bulbs for the garden."]);

        Assert.True(Cosine(v[0], v[1]) > Cosine(v[0], v[2]) + 0.2f, $"paraphrase {Cosine(v[0], v[1])}, unrelated {Cosine(v[0], v[2])}");
    }

    [Fact]
    public async Task NoTexts_NoVectorsAndNoModelLoad()
    {
        using var generator = new MiniLmEmbeddingGenerator();

        Assert.Empty(await generator.GenerateAsync([]));
    }
}
