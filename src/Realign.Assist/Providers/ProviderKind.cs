namespace Realign.Assist.Providers;

/// <summary>How a provider is spoken to.</summary>
public enum ProviderKind
{
    /// <summary>The deterministic assistant built in: no model, no endpoint, no download.</summary>
    Builtin,

    /// <summary>Any OpenAI-compatible chat-completions endpoint (Ollama, vLLM, llama.cpp server, LM Studio, OpenRouter, ...).</summary>
    OpenAi,

    /// <summary>Ollama's own API.</summary>
    Ollama,
}
