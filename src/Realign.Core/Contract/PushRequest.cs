namespace Realign.Core.Contract;

/// <summary>Body of <c>POST /sync/push</c>: a batch applied all or nothing, replayable by its id.</summary>
public sealed class PushRequest
{
    /// <summary>The client's idempotency key for this batch (1 to 100 characters).</summary>
    public string? BatchId { get; set; }

    /// <summary>The writes, in the order the client made them.</summary>
    public List<SyncItem>? Items { get; set; }

    /// <summary>A confirmation (TOTP code or PIN) for the writes of this batch that the tenant's channel policy confirms:
    /// level-1 writes and accepts from voice and IoT by default. Checked only when the batch needs it.</summary>
    public ConfirmationDto? Confirmation { get; set; }
}
