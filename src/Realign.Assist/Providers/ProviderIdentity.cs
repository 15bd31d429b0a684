using Realign.Core.Truth;

namespace Realign.Assist.Providers;

/// <summary>The stamp a checked provider's outputs carry: its level and origin, taken from where it runs, never from the model.</summary>
/// <param name="Options">The provider as configured.</param>
/// <param name="Level">3, 4 or 5.</param>
/// <param name="Origin"><c>ai-local:&lt;model&gt;</c>, <c>ai-lan:&lt;model&gt;</c> or <c>ai-cloud:&lt;provider&gt;-&lt;model&gt;</c>.</param>
public sealed record ProviderIdentity(ProviderOptions Options, TruthLevel Level, OriginSource Origin);
