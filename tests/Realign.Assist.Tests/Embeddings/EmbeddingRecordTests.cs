using Realign.Assist.Embeddings;

namespace Realign.Assist.Tests.Embeddings;

public sealed class EmbeddingRecordTests
{
    private static EmbeddingRecord Sample() => new("note", "n-1", 4, "m", [new EmbeddedChunk(0, 10, [0.5f, -1.25f, 3f]), new EmbeddedChunk(12, 4, [1f, 0f, float.Epsilon])], "abc");

    [Fact]
    public void Fields_RoundTrip_VectorsBitForBit()
    {
        var record = Sample();

        var read = EmbeddingRecord.TryRead(record.ToFields().ToDictionary(f => f.Key, f => f.Value))!;

        Assert.Equal((record.SourceType, record.SourceId, record.SourceVersion, record.Model, record.Digest), (read.SourceType, read.SourceId, read.SourceVersion, read.Model, read.Digest));
        Assert.Equal(record.Chunks.Select(c => (c.Start, c.Length)), read.Chunks.Select(c => (c.Start, c.Length)));
        Assert.Equal(record.Chunks[1].Vector, read.Chunks[1].Vector);
        Assert.Equal(3, read.Dimensions);
    }

    [Theory]
    [InlineData("chunks", "\"rl1:AAAA\"")]
    [InlineData("chunks", "[{\"start\":0,\"length\":1,\"vector\":\"AAAA\"},{\"start\":0,\"length\":1,\"vector\":\"AAAAAAAAAAA=\"}]")]
    [InlineData("chunks", "[{\"start\":-1,\"length\":1,\"vector\":\"AAAA\"}]")]
    [InlineData("chunks", "[{\"start\":0,\"length\":1,\"vector\":\"not base64\"}]")]
    [InlineData("chunks", "[{\"start\":0,\"length\":1,\"vector\":\"AADAfw==\"}]")]
    [InlineData("chunks", "{}")]
    [InlineData("source_id", "\"rl1:AAAA\"")]
    [InlineData("model", "3")]
    public void Malformed_OrSealed_ReadsAsNone(string field, string value)
    {
        var fields = Sample().ToFields().ToDictionary(f => f.Key, f => f.Value);
        fields[field] = value;

        Assert.Null(EmbeddingRecord.TryRead(fields));
    }

    [Fact]
    public void Digest_DependsOnModelAndEveryText()
    {
        var digest = EmbeddingRecord.DigestOf("m", ["a", "b"]);

        Assert.Equal(32, digest.Length);
        Assert.Equal(digest, EmbeddingRecord.DigestOf("m", ["a", "b"]));
        Assert.NotEqual(digest, EmbeddingRecord.DigestOf("m2", ["a", "b"]));
        Assert.NotEqual(digest, EmbeddingRecord.DigestOf("m", ["ab"]));
        Assert.NotEqual(digest, EmbeddingRecord.DigestOf("m", ["a", "b", ""]));
    }

    [Fact]
    public void Chunker_PiecesAreSpansOfTheBody_InOrder_WithinTheLimit_EachLedByTheTitle()
    {
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            var words = Enumerable.Range(0, random.Next(0, 600)).Select(_ => random.Next(10) == 0 ? "end.\n\n" : new string('a', random.Next(1, 30)) + (random.Next(8) == 0 ? ". " : " "));
            var body = string.Concat(words);
            var chunks = TextChunker.Split("Title", body, 200);
            var end = 0;
            foreach (var chunk in chunks)
            {
                Assert.InRange(chunk.Length, body.Trim().Length == 0 ? 0 : 1, 200);
                Assert.True(chunk.Start >= end, "pieces do not overlap");
                Assert.True(body[end..chunk.Start].Trim().Length == 0, "nothing but white space is left between pieces");
                Assert.Equal(string.Concat("Title\n", body.AsSpan(chunk.Start, chunk.Length)), chunk.Text);
                end = chunk.Start + chunk.Length;
            }

            Assert.True(body[end..].Trim().Length == 0, "nothing but white space is left after the last piece");
        }
    }

    [Fact]
    public void Chunker_EmptyNote_NoPieces_TitleAlone_OnePiece()
    {
        Assert.Empty(TextChunker.Split(" ", "\n\n"));
        Assert.Equal(new TextChunk(0, 0, "Boiler"), Assert.Single(TextChunker.Split(" Boiler ", "")));
        Assert.Equal(new TextChunk(2, 5, "Hello"), Assert.Single(TextChunker.Split("", "\n\nHello\n")));
    }
}

public sealed class KeywordTermsTests
{
    [Theory]
    [InlineData("banging from the heating at dawn", "banging,heating,dawn")]
    [InlineData("Part ZX-4471 part", "Part,ZX,4471")]
    [InlineData("at 42", "42")]
    [InlineData("the and from", "the,and,from")]
    [InlineData("  ", "")]
    [InlineData("Straße über die Brücke", "Straße,Brücke")]
    public void Terms_AreDistinctWordsWithoutStopWords_UnlessNothingElseIsLeft(string query, string expected)
    {
        Assert.Equal(expected, string.Join(',', Realign.Assist.Embeddings.KeywordTerms.From(query)));
    }
}
