namespace Realign.Storage;

/// <summary>A batch id already used for a different push body, or by another principal: never a replay of the first.</summary>
public sealed class BatchIdReusedException : Exception
{
    /// <summary>Creates the exception for a batch id.</summary>
    public BatchIdReusedException(string batchId)
        : base($"batch_id '{batchId}' was already used for a different batch; nothing was stored. Use a new batch_id for new items (a retry must send the same body)")
    {
        BatchId = batchId;
    }

    /// <summary>Creates the exception.</summary>
    public BatchIdReusedException()
        : this("")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BatchIdReusedException(string message, Exception innerException)
        : base(message, innerException) => BatchId = "";

    /// <summary>The reused batch id.</summary>
    public string BatchId { get; }
}
