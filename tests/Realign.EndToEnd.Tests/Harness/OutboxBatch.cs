using Realign.Core.Merge;

namespace Realign.EndToEnd.Tests.Harness;

public sealed record OutboxBatch(string BatchId, string Body, IReadOnlyList<Write> Writes);
