using Realign.Core.Contract;

namespace Realign.Storage;

/// <summary>The response to a push batch with its UTF-8 JSON, the very bytes stored as the batch's idempotency record.</summary>
/// <remarks>The server sends <see cref="Json"/> as the body, so the response is serialised once per batch.</remarks>
public sealed record AppliedBatch(PushResponse Response, byte[] Json);
