using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Realign.Assist.Tests;

/// <summary>A real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions protocol (<c>/v1/chat/completions</c>) and
/// Ollama's (<c>/api/chat</c>) in place of a model: it records every request body and answers with a fixed text that
/// repeats the placeholders it was sent, with usage figures.</summary>
internal sealed partial class ModelLoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ModelLoopbackServer(WebApplication app) => _app = app;

    public List<string> Requests { get; } = [];

    public Uri Endpoint => new(_app.Urls.First() + "/v1");

    public Uri Root => new(_app.Urls.First());

    public const int PromptTokens = 42;

    public const int CompletionTokens = 7;

    public static async Task<ModelLoopbackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ModelLoopbackServer(app);
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            var placeholders = await server.RecordAsync(context);
            var content = $"Noted: {placeholders}".Trim();
            var reply = new Dictionary<string, object>
            {
                ["id"] = "chatcmpl-test",
                ["object"] = "chat.completion",
                ["created"] = 1_764_000_000,
                ["model"] = "test-model",
                ["choices"] = new object[] { new Dictionary<string, object> { ["index"] = 0, ["message"] = new Dictionary<string, string> { ["role"] = "assistant", ["content"] = content }, ["finish_reason"] = "stop" } },
                ["usage"] = new Dictionary<string, int> { ["prompt_tokens"] = PromptTokens, ["completion_tokens"] = CompletionTokens, ["total_tokens"] = PromptTokens + CompletionTokens },
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(reply), context.RequestAborted);
        });
        app.MapPost("/api/chat", async (HttpContext context) =>
        {
            var placeholders = await server.RecordAsync(context);
            var reply = new Dictionary<string, object>
            {
                ["model"] = "test-model",
                ["created_at"] = "2026-12-02T00:00:00Z",
                ["message"] = new Dictionary<string, string> { ["role"] = "assistant", ["content"] = $"Noted: {placeholders}".Trim() },
                ["done"] = true,
                ["done_reason"] = "stop",
                ["prompt_eval_count"] = PromptTokens,
                ["eval_count"] = CompletionTokens,
            };
            context.Response.ContentType = "application/x-ndjson";
            await context.Response.WriteAsync(JsonSerializer.Serialize(reply) + "\n", context.RequestAborted);
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Records the request body; returns the placeholders it holds, as the answer repeats them.</summary>
    private async Task<string> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        lock (Requests)
        {
            Requests.Add(body);
        }

        return string.Join(" ", Placeholder().Matches(body).Select(m => m.Value).Distinct());
    }

    [GeneratedRegex(@"\[(?:EMAIL|PHONE|CARD|IBAN|SECRET|PRIVATE_KEY|WORD)_\d+\]")]
    private static partial Regex Placeholder();
}
