using Microsoft.Extensions.AI;
using Realign.Assist.Redaction;

namespace Realign.Assist.Tests;

public sealed class RedactingChatClientTests
{
    /// <summary>An inner client that records what it was sent and answers by echoing placeholders back.</summary>
    private sealed class RecordingClient(Func<string, string> answer) : IChatClient
    {
        public List<string> Sent { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var text = string.Join("\n", messages.Select(m => m.Text));
            Sent.Add(text);
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer(text))));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task TheProviderNeverSeesTheValues_AndTheAnswerReadsNaturally()
    {
        var inner = new RecordingClient(_ => "Summary: write to [EMAIL_1] about [WORD_1] before paying [IBAN_1].");
        using var client = new RedactingChatClient(inner, ["Falcon"]);
        var note = "Falcon budget: send the invoice to finance@acme.example, pay DE89 3704 0044 0532 0130 00, token rlt_AbCdEf0123456789_xyz.";

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.System, "Summarise."), new ChatMessage(ChatRole.User, note)]);

        var sent = Assert.Single(inner.Sent);
        foreach (var secret in new[] { "Falcon", "finance@acme.example", "DE89 3704", "rlt_AbCdEf" })
        {
            Assert.DoesNotContain(secret, sent, StringComparison.Ordinal);
        }

        Assert.Equal("Summary: write to finance@acme.example about Falcon before paying DE89 3704 0044 0532 0130 00.", response.Text);
        Assert.Equal(4, response.AdditionalProperties![RedactingChatClient.RedactionsProperty]);
    }

    [Fact]
    public async Task AStreamedAnswer_IsRestoredWhole()
    {
        var inner = new RecordingClient(_ => "reply to [EMAIL_1]");
        using var client = new RedactingChatClient(inner);
        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "from bob@example.org")]))
        {
            text += update.Text;
        }

        Assert.Equal("reply to bob@example.org", text);
        Assert.DoesNotContain("bob@", Assert.Single(inner.Sent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentThatIsNotText_IsRefused_SoNothingTravelsAroundTheRedaction()
    {
        var inner = new RecordingClient(_ => "");
        using var client = new RedactingChatClient(inner);
        var message = new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 1, 2, 3 }, "application/octet-stream")]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync([message]));
        Assert.Empty(inner.Sent);
    }
}
