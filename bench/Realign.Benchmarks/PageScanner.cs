using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Realign.Core.Contract;

namespace Realign.Benchmarks;

/// <summary>Reads one pull page as it streams in, one line at a time: every head line is decoded to a string (as the raw read
/// decodes every stored head), and <c>next_cursor</c> and <c>has_more</c> are read from their lines.</summary>
/// <remarks>The server writes each head on a line of its own (docs/api.md, "Pull page layout"), so the client takes each head as
/// soon as its line is complete, while the server is still writing the rest of the page.</remarks>
internal sealed class PageScanner
{
    public int Items { get; private set; }

    public long Chars { get; private set; }

    public long? NextCursor { get; private set; }

    public bool? HasMore { get; private set; }

    /// <summary>Parse every head into a <c>SyncItem</c> (with the contract's source-generated serializer, as the vault does)
    /// rather than only decode it to a string.</summary>
    private bool _parse;

    public static async Task<PageScanner> ReadAsync(Stream stream, bool parse, CancellationToken cancellationToken)
    {
        var scanner = new PageScanner { _parse = parse };
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        try
        {
            while (true)
            {
                var result = await pipe.ReadAsync(cancellationToken);
                var consumed = scanner.Scan(result.Buffer);
                if (result.IsCompleted)
                {
                    var rest = result.Buffer.Slice(consumed);
                    if (!rest.IsEmpty)
                    {
                        scanner.Line(rest.ToArray());
                    }

                    return scanner;
                }

                pipe.AdvanceTo(consumed, result.Buffer.End);
            }
        }
        finally
        {
            await pipe.CompleteAsync();
        }
    }

    private SequencePosition Scan(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
        {
            if (line.IsSingleSegment)
            {
                Line(line.FirstSpan);
            }
            else
            {
                Line(line.ToArray());
            }
        }

        return reader.Position;
    }

    private void Line(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("]"u8))
        {
            // The trailer, ],"next_cursor":N,"has_more":B} : read as the object {"next_cursor":N,"has_more":B}.
            var document = new byte[line.Length - 1];
            document[0] = (byte)'{';
            line[2..].CopyTo(document.AsSpan(1));
            var trailer = new Utf8JsonReader(document);
            while (trailer.Read())
            {
                if (trailer.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                var isCursor = trailer.ValueTextEquals("next_cursor"u8);
                var isMore = trailer.ValueTextEquals("has_more"u8);
                trailer.Read();
                if (isCursor)
                {
                    NextCursor = trailer.GetInt64();
                }
                else if (isMore)
                {
                    HasMore = trailer.GetBoolean();
                }
            }
        }
        else if (line.StartsWith("{\"items\":["u8))
        {
            // The first line.
        }
        else
        {
            var head = line[^1] == (byte)',' ? line[..^1] : line;
            if (_parse)
            {
                var item = JsonSerializer.Deserialize(head, RealignJsonContext.Default.SyncItem) ?? throw new InvalidOperationException("a null head");
                Chars += item.EntityId?.Length ?? 0;
            }
            else
            {
                Chars += Encoding.UTF8.GetString(head).Length;
            }

            Items++;
        }
    }
}
