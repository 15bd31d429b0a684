using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Realign.Testing;

/// <summary>A real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions and embeddings protocols
/// (<c>/v1/chat/completions</c>, <c>/v1/embeddings</c>) and Ollama's (<c>/api/chat</c>, <c>/api/embed</c>) in place of a
/// model. Embeddings are word counts hashed into <see cref="EmbeddingDimensions"/> dimensions, so texts sharing words are
/// close. It records every request body and answers with <see cref="Answer"/>:
/// by default a text that repeats the placeholders it was sent, with usage figures; a test can answer with its own text,
/// an HTTP error, or no answer until the client gives up.</summary>
public sealed partial class ModelLoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ModelLoopbackServer(WebApplication app) => _app = app;

    /// <summary>The prompt tokens every answer reports.</summary>
    public const int PromptTokens = 42;

    /// <summary>The completion tokens every answer reports.</summary>
    public const int CompletionTokens = 7;

    /// <summary>The dimensions of the vectors the embeddings endpoints give.</summary>
    public const int EmbeddingDimensions = 16;

    /// <summary>Every request body, in order.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>The OpenAI-compatible endpoint (<c>.../v1</c>).</summary>
    public Uri Endpoint => new(_app.Urls.First() + "/v1");

    /// <summary>The server's root (Ollama's endpoint).</summary>
    public Uri Root => new(_app.Urls.First());

    /// <summary>How to answer a request, given its body.</summary>
    public Func<string, ModelAnswer> Answer { get; set; } = body => ModelAnswer.Text($"Noted: {string.Join(" ", Placeholder().Matches(body).Select(m => m.Value).Distinct())}".Trim());

    /// <summary>How to answer an embeddings request, given its body: null (the default) answers with vectors; a test can
    /// answer with an HTTP error or silence.</summary>
    public Func<string, ModelAnswer?>? EmbeddingAnswer { get; set; }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<ModelLoopbackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ModelLoopbackServer(app);
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            if (await server.AnswerAsync(context) is not { } content)
            {
                return;
            }

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
            if (await server.AnswerAsync(context) is not { } content)
            {
                return;
            }

            var reply = new Dictionary<string, object>
            {
                ["model"] = "test-model",
                ["created_at"] = "2026-12-02T00:00:00Z",
                ["message"] = new Dictionary<string, string> { ["role"] = "assistant", ["content"] = content },
                ["done"] = true,
                ["done_reason"] = "stop",
                ["prompt_eval_count"] = PromptTokens,
                ["eval_count"] = CompletionTokens,
            };
            context.Response.ContentType = "application/x-ndjson";
            await context.Response.WriteAsync(JsonSerializer.Serialize(reply) + "\n", context.RequestAborted);
        });
        app.MapPost("/v1/embeddings", async (HttpContext context) =>
        {
            if (await server.AnswerAsync(context, embeddings: true) is not { } body)
            {
                return;
            }

            using var request = JsonDocument.Parse(body);
            var base64 = request.RootElement.TryGetProperty("encoding_format", out var format) && format.GetString() == "base64";
            var inputs = Inputs(request.RootElement.GetProperty("input"));
            var data = inputs.Select((text, i) => new Dictionary<string, object>
            {
                ["object"] = "embedding",
                ["index"] = i,
                ["embedding"] = base64 ? Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Vector(text).AsSpan()).ToArray()) : Vector(text),
            }).ToArray();
            var reply = new Dictionary<string, object>
            {
                ["object"] = "list",
                ["data"] = data,
                ["model"] = "test-embedding",
                ["usage"] = new Dictionary<string, int> { ["prompt_tokens"] = PromptTokens, ["total_tokens"] = PromptTokens },
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(reply), context.RequestAborted);
        });
        app.MapPost("/api/embed", async (HttpContext context) =>
        {
            if (await server.AnswerAsync(context, embeddings: true) is not { } body)
            {
                return;
            }

            using var request = JsonDocument.Parse(body);
            var inputs = Inputs(request.RootElement.GetProperty("input"));
            var reply = new Dictionary<string, object>
            {
                ["model"] = "test-embedding",
                ["embeddings"] = inputs.Select(Vector).ToArray(),
                ["prompt_eval_count"] = PromptTokens,
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(reply), context.RequestAborted);
        });
        await app.StartAsync();
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Records the request and answers it: the text to send, or null when the status or the silence was the answer.</summary>
    private async Task<string?> AnswerAsync(HttpContext context, bool embeddings = false)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        lock (Requests)
        {
            Requests.Add(body);
        }

        var answer = embeddings ? (EmbeddingAnswer?.Invoke(body) ?? ModelAnswer.Text(body)) : Answer(body);
        if (answer.Hang)
        {
            // No answer until the client gives up (its timeout aborts the request); bounded so a broken client cannot hold the test.
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return null;
        }

        if (answer.Status != StatusCodes.Status200OK)
        {
            context.Response.StatusCode = answer.Status;
            await context.Response.WriteAsync("""{"error":{"message":"the model server failed","type":"server_error"}}""", context.RequestAborted);
            return null;
        }

        return answer.Content;
    }

    /// <summary>A word-count vector: each lower-case word of letters and digits adds 1 to the dimension its hash picks.</summary>
    public static float[] Vector(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vector = new float[EmbeddingDimensions];
        foreach (Match word in WordPattern().Matches(text.ToLowerInvariant()))
        {
            var hash = 17u;
            foreach (var c in word.Value)
            {
                hash = unchecked((hash * 31) + c);
            }

            vector[hash % EmbeddingDimensions] += 1;
        }

        return vector;
    }

    private static string[] Inputs(JsonElement input) => input.ValueKind == JsonValueKind.Array
        ? [.. input.EnumerateArray().Select(e => e.GetString() ?? "")]
        : [input.GetString() ?? ""];

    [GeneratedRegex(@"[\p{L}\p{Nd}]+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\[(?:EMAIL|PHONE|CARD|IBAN|SECRET|PRIVATE_KEY|WORD)_\d+\]")]
    private static partial Regex Placeholder();
}
