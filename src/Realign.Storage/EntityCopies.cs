namespace Realign.Storage;

/// <summary>How an <c>entities</c> table keeps the queryable JSON copies of each head (<c>payload</c>, <c>field_stamps</c>,
/// <c>origin_chain</c>).</summary>
public enum EntityCopies
{
    /// <summary>Stored columns, written with every save (the server, which queries and indexes them).</summary>
    Stored,

    /// <summary>Virtual generated columns computed from <c>head</c> when read (a vault): the same columns to query, nothing
    /// extra to write, and rows half the size.</summary>
    Generated,
}
