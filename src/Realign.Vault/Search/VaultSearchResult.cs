using Realign.Assist.Embeddings;

namespace Realign.Vault.Search;

/// <summary>One note or task a search found: the fused hit, its title, and the piece of its body that answered.</summary>
/// <param name="Hit">The fused ranks and score, and the embedding piece that answered.</param>
/// <param name="Title">The source's title (empty when it has none).</param>
/// <param name="Snippet">The answering piece of the body (shortened), or the start of the body for a keyword hit.</param>
public sealed record VaultSearchResult(SearchHit Hit, string Title, string Snippet);

/// <summary>What a search did: its results, the model that embedded the query (null for keywords only), and why meaning
/// did not count when it did not.</summary>
/// <param name="Results">Best first.</param>
/// <param name="Model">The embedding model, or null.</param>
/// <param name="KeywordsOnly">Why only keywords ranked (null when meaning did too).</param>
/// <param name="Embedded">How many sources were embedded before the search (the stale and new ones).</param>
public sealed record VaultSearchReport(IReadOnlyList<VaultSearchResult> Results, string? Model, string? KeywordsOnly, int Embedded);

/// <summary>What an embedding pass did.</summary>
/// <param name="Model">The model (null when the level reads no text).</param>
/// <param name="Checked">Sources checked.</param>
/// <param name="Embedded">Sources embedded (new or stale).</param>
/// <param name="Removed">Embeddings removed (their source was deleted or emptied).</param>
/// <param name="Skipped">Sources that hold sealed values this vault cannot open.</param>
/// <param name="Error">Why the model failed (null when it did not); what was embedded before stays.</param>
public sealed record VaultEmbedReport(string? Model, int Checked, int Embedded, int Removed, int Skipped, string? Error);
