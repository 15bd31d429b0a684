using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Realign.Core.Contract;

namespace Realign.Assist.Redaction;

/// <summary>A pipeline step for every client of a model that is not local: the text of each message is redacted before it
/// leaves (<see cref="Redactor"/>), and the placeholders in the answer are put back, so the stored output reads naturally
/// while the provider never saw the values.</summary>
/// <remarks>Only text content travels; any other content (images, data, function calls) is refused, so no path can send
/// text around the redaction. A streamed answer is gathered and restored whole (a placeholder may be split across chunks),
/// then handed on as updates. The number of values redacted is in the answer's additional properties under
/// <see cref="RedactionsProperty"/>, for the usage record.</remarks>
/// <param name="innerClient">The client of the model.</param>
/// <param name="tenantWords">The tenant's own words to mask.</param>
/// <param name="exposure">What the model's level may read: <see cref="Exposure.Redacted"/> masks every detector's values,
/// <see cref="Exposure.Full"/> still masks private keys and secrets, and <see cref="Exposure.Vectors"/> and <see cref="Exposure.None"/>
/// refuse every call (they read no text).</param>
public sealed class RedactingChatClient(IChatClient innerClient, IReadOnlyCollection<string>? tenantWords = null, Exposure exposure = Exposure.Redacted) : DelegatingChatClient(innerClient)
{
    /// <summary>The additional property of an answer that holds how many values were redacted from its request.</summary>
    public const string RedactionsProperty = "realign.redactions";

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!exposure.ReadsText())
        {
            throw new InvalidOperationException("the exposure policy gives this model's level no text to read; nothing was sent");
        }

        var redactor = new Redactor(tenantWords, secretsOnly: exposure == Exposure.Full);
        var outgoing = Redact(messages, redactor);
        var response = await base.GetResponseAsync(outgoing, options, cancellationToken).ConfigureAwait(false);
        foreach (var message in response.Messages)
        {
            Restore(message, redactor);
        }

        response.AdditionalProperties ??= [];
        response.AdditionalProperties[RedactionsProperty] = redactor.Count;
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    private static List<ChatMessage> Redact(IEnumerable<ChatMessage> messages, Redactor redactor)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = new List<ChatMessage>();
        foreach (var message in messages)
        {
            var contents = new List<AIContent>();
            foreach (var content in message.Contents)
            {
                contents.Add(content is TextContent text
                    ? new TextContent(redactor.Redact(text.Text ?? ""))
                    : throw new InvalidOperationException($"only text may be sent to a model that is not local; a {content.GetType().Name} was refused"));
            }

            list.Add(new ChatMessage(message.Role, contents) { AuthorName = message.AuthorName });
        }

        return list;
    }

    private static void Restore(ChatMessage message, Redactor redactor)
    {
        for (var i = 0; i < message.Contents.Count; i++)
        {
            if (message.Contents[i] is TextContent text)
            {
                message.Contents[i] = new TextContent(redactor.Restore(text.Text ?? ""));
            }
        }
    }
}
