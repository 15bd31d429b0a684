namespace Realign.Storage;

/// <summary>What a <see cref="IHeadSink"/> wants after taking a head.</summary>
public enum HeadSinkAction
{
    /// <summary>Send the next head.</summary>
    Continue,

    /// <summary>Await <see cref="IHeadSink.FlushAsync"/>, then send the next head.</summary>
    Flush,

    /// <summary>Send nothing more.</summary>
    Stop,
}

/// <summary>Takes the heads of a pull one at a time, as spans the store may reuse after the call returns.</summary>
/// <remarks>Lets a store hand each head over straight from its reader's buffer, with no copy of its own per row
/// (<see cref="IReplicaStore.CopyChangesAsync"/>).</remarks>
public interface IHeadSink
{
    /// <summary>Takes the head at <paramref name="seq"/>; <paramref name="headUtf8"/> is valid only during the call.</summary>
    HeadSinkAction Write(long seq, ReadOnlySpan<byte> headUtf8);

    /// <summary>Sends what the sink holds; called when <see cref="Write"/> asked for it.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken);
}
