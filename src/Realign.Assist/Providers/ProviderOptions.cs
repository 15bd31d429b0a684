namespace Realign.Assist.Providers;

/// <summary>One configured model provider: its name, how it is spoken to, where it is and runs, and the model.</summary>
/// <param name="Name">The provider's name, unique in the configuration (<c>builtin</c>, <c>ollama-desk</c>, <c>openrouter</c>).</param>
/// <param name="Kind">How it is spoken to.</param>
/// <param name="Placement">Where it runs, as declared; <see cref="ProviderCheck"/> checks it against the endpoint.</param>
/// <param name="Endpoint">The base URL (none for the built-in assistant).</param>
/// <param name="Model">The model name (<c>llama3.2:3b</c>, <c>gpt-4o-mini</c>).</param>
public sealed record ProviderOptions(string Name, ProviderKind Kind, ProviderPlacement Placement, Uri? Endpoint, string Model);
