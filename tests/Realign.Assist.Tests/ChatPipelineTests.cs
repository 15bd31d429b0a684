using Microsoft.Extensions.AI;
using Realign.Assist.Providers;
using Realign.Assist.Redaction;
using Realign.Core.Contract;

namespace Realign.Assist.Tests;

/// <summary>The provider pipelines against a real OpenAI-protocol server on loopback: what each level's request really contains.</summary>
public sealed class ChatPipelineTests
{
    private const string Note = "Call Dana at +44 20 7946 0958 or dana@example.org; card 4111 1111 1111 1111; token rlt_AbCdEf0123456789_xyz; project Falcon.";

    private static readonly string[] Secrets = ["7946 0958", "dana@example.org", "4111 1111 1111 1111", "rlt_AbCdEf", "Falcon"];

    [Fact]
    public async Task ACloudRequest_HoldsNoEmailPhoneCardTokenOrTenantWord_AndTheAnswerIsRestored()
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        var provider = ProviderCheck.Validate(new ProviderOptions("proxy", ProviderKind.OpenAi, ProviderPlacement.Cloud, server.Endpoint, "gpt-4o-mini"));
        using var client = ChatClients.Create(provider, Exposure.Redacted, "sk-test", ["Falcon"]);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, Note)]);

        var sent = Assert.Single(server.Requests);
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, sent, StringComparison.Ordinal);
        }

        Assert.Contains("[EMAIL_1]", sent, StringComparison.Ordinal);
        Assert.Contains("dana@example.org", response.Text, StringComparison.Ordinal);
        Assert.Contains("Falcon", response.Text, StringComparison.Ordinal);
        Assert.Equal(5, response.AdditionalProperties![RedactingChatClient.RedactionsProperty]);
        Assert.Equal(ModelLoopbackServer.PromptTokens, response.Usage?.InputTokenCount);
        Assert.Equal(ModelLoopbackServer.CompletionTokens, response.Usage?.OutputTokenCount);
        Assert.Equal("ai-cloud:proxy-gpt-4o-mini", provider.Origin.Value);
    }

    [Fact]
    public async Task ALanRequestAtRedactedExposure_IsRedactedToo()
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        var provider = ProviderCheck.Validate(new ProviderOptions("gpu", ProviderKind.OpenAi, ProviderPlacement.Lan, server.Endpoint, "llama3.2:3b"));
        using var client = ChatClients.Create(provider, Exposure.Redacted);

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, Note)]);

        Assert.DoesNotContain("dana@example.org", Assert.Single(server.Requests), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALanRequestAtFullExposure_ReadsTheNote_ButNeverAKeyOrToken()
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        var provider = ProviderCheck.Validate(new ProviderOptions("gpu", ProviderKind.OpenAi, ProviderPlacement.Lan, server.Endpoint, "llama3.2:3b"));
        using var client = ChatClients.Create(provider, Exposure.Full);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, Note)]);

        var sent = Assert.Single(server.Requests);
        Assert.Contains("dana@example.org", sent, StringComparison.Ordinal);
        Assert.Contains("7946 0958", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("rlt_AbCdEf", sent, StringComparison.Ordinal);
        Assert.Contains("rlt_AbCdEf", response.Text, StringComparison.Ordinal);
        Assert.Equal(1, response.AdditionalProperties![RedactingChatClient.RedactionsProperty]);
    }

    [Fact]
    public async Task APipelineAtNoExposure_SendsNothing()
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        var provider = ProviderCheck.Validate(new ProviderOptions("proxy", ProviderKind.OpenAi, ProviderPlacement.Cloud, server.Endpoint, "gpt-4o-mini"));
        using var client = ChatClients.Create(provider, Exposure.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, Note)]));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task ALocalRequest_StaysOnTheMachine_AndIsSentAsWritten()
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        var provider = ProviderCheck.Validate(new ProviderOptions("desk", ProviderKind.OpenAi, ProviderPlacement.Local, server.Endpoint, "llama3.2:3b"));
        using var client = ChatClients.Create(provider, Exposure.Full);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, Note)]);

        Assert.Contains("dana@example.org", Assert.Single(server.Requests), StringComparison.Ordinal);
        Assert.Null(response.AdditionalProperties?.GetValueOrDefault(RedactingChatClient.RedactionsProperty));
    }

    [Fact]
    public async Task AnOllamaLanRequest_IsRedacted_AndTheAnswerAndUsageComeBack()
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        var provider = ProviderCheck.Validate(new ProviderOptions("ollama-box", ProviderKind.Ollama, ProviderPlacement.Lan, server.Root, "llama3.2:3b"));
        using var client = ChatClients.Create(provider, Exposure.Redacted, tenantWords: ["Falcon"]);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, Note)]);

        var sent = Assert.Single(server.Requests);
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, sent, StringComparison.Ordinal);
        }

        Assert.Contains("dana@example.org", response.Text, StringComparison.Ordinal);
        Assert.Equal(ModelLoopbackServer.PromptTokens, response.Usage?.InputTokenCount);
        Assert.Equal(ModelLoopbackServer.CompletionTokens, response.Usage?.OutputTokenCount);
        Assert.Equal("ai-lan:llama3.2-3b", provider.Origin.Value);
    }
}
