using System.Numerics.Tensors;

namespace Realign.Assist.Embeddings;

/// <summary>Exact nearest neighbours over the vectors of one model: every piece of every source in one contiguous array,
/// unit length, scored against the query with SIMD dot products (<see cref="TensorPrimitives"/>); a source ranks by its
/// best piece.</summary>
/// <remarks>Exact search reads every vector once per query: fine up to some 100,000 vectors (see docs/performance.md for
/// the figures); beyond that an approximate index (HNSW) takes its place. Safe for concurrent use: a search or an update holds the index for its own length.</remarks>
public sealed class VectorIndex
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly List<Entry?> _byOrdinal = [];
    private readonly Stack<int> _freeOrdinals = new();
    private float[] _data = [];
    private int[] _rowOrdinal = [];
    private int[] _rowChunk = [];
    private int _rows;

    /// <summary>An index of vectors of <paramref name="dimensions"/> dimensions.</summary>
    public VectorIndex(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Dimensions = dimensions;
    }

    /// <summary>The dimensions of every vector.</summary>
    public int Dimensions { get; }

    /// <summary>How many sources are indexed.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>How many vectors (pieces) are indexed.</summary>
    public int VectorCount
    {
        get
        {
            lock (_gate)
            {
                return _rows;
            }
        }
    }

    /// <summary>Puts the embedding <paramref name="embeddingId"/> of a source in, replacing what it held before.</summary>
    /// <exception cref="ArgumentException">A vector of other dimensions.</exception>
    public void Upsert(string embeddingId, string sourceType, string sourceId, IReadOnlyList<EmbeddedChunk> chunks)
    {
        ArgumentNullException.ThrowIfNull(embeddingId);
        ArgumentNullException.ThrowIfNull(chunks);
        foreach (var chunk in chunks)
        {
            if (chunk.Vector.Length != Dimensions)
            {
                throw new ArgumentException($"a vector of {chunk.Vector.Length} dimensions in an index of {Dimensions}", nameof(chunks));
            }
        }

        lock (_gate)
        {
            RemoveLocked(embeddingId);
            if (chunks.Count == 0)
            {
                return;
            }

            var ordinal = _freeOrdinals.Count > 0 ? _freeOrdinals.Pop() : _byOrdinal.Count;
            var entry = new Entry(embeddingId, sourceType, sourceId, ordinal, [.. chunks.Select(c => (c.Start, c.Length))], new List<int>(chunks.Count));
            if (ordinal == _byOrdinal.Count)
            {
                _byOrdinal.Add(entry);
            }
            else
            {
                _byOrdinal[ordinal] = entry;
            }

            _entries[embeddingId] = entry;
            for (var c = 0; c < chunks.Count; c++)
            {
                var row = AddRow(ordinal, c);
                var target = _data.AsSpan(row * Dimensions, Dimensions);
                chunks[c].Vector.CopyTo(target);
                var norm = TensorPrimitives.Norm(target);
                if (norm > 0)
                {
                    TensorPrimitives.Divide(target, norm, target);
                }

                entry.Rows.Add(row);
            }
        }
    }

    /// <summary>Takes the embedding out; false when it was not in.</summary>
    public bool Remove(string embeddingId)
    {
        ArgumentNullException.ThrowIfNull(embeddingId);
        lock (_gate)
        {
            return RemoveLocked(embeddingId);
        }
    }

    /// <summary>True when the embedding is in.</summary>
    public bool Contains(string embeddingId)
    {
        lock (_gate)
        {
            return _entries.ContainsKey(embeddingId);
        }
    }

    /// <summary>The sum of an embedding's unit vectors (its direction is the mean of its pieces'), for "related to this";
    /// null when it is not in.</summary>
    public float[]? MeanOf(string embeddingId)
    {
        ArgumentNullException.ThrowIfNull(embeddingId);
        lock (_gate)
        {
            if (!_entries.TryGetValue(embeddingId, out var entry))
            {
                return null;
            }

            var mean = new float[Dimensions];
            foreach (var row in entry.Rows)
            {
                TensorPrimitives.Add(mean, _data.AsSpan(row * Dimensions, Dimensions), mean);
            }

            return mean;
        }
    }

    /// <summary>The <paramref name="top"/> sources closest to <paramref name="query"/>, best first (ties by source key), each
    /// with its best piece; sources passing <paramref name="skip"/> are left out.</summary>
    /// <exception cref="ArgumentException">A query of other dimensions.</exception>
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int top, Func<string, string, bool>? skip = null)
    {
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"a query of {query.Length} dimensions in an index of {Dimensions}", nameof(query));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var unit = query.ToArray();
        var norm = TensorPrimitives.Norm(unit);
        if (norm > 0)
        {
            TensorPrimitives.Divide(unit, norm, unit);
        }

        lock (_gate)
        {
            var best = new float[_byOrdinal.Count];
            var bestChunk = new int[_byOrdinal.Count];
            Array.Fill(best, float.NegativeInfinity);
            var data = _data.AsSpan();
            for (var row = 0; row < _rows; row++)
            {
                var score = TensorPrimitives.Dot(unit, data.Slice(row * Dimensions, Dimensions));
                var ordinal = _rowOrdinal[row];
                if (score > best[ordinal])
                {
                    best[ordinal] = score;
                    bestChunk[ordinal] = _rowChunk[row];
                }
            }

            // The best `top` by score, then by source key; a min-heap keeps them.
            var heap = new PriorityQueue<int, (float Score, string Key)>(top + 1, Comparer<(float Score, string Key)>.Create(
                static (a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : string.CompareOrdinal(b.Key, a.Key)));
            for (var ordinal = 0; ordinal < best.Length; ordinal++)
            {
                if (_byOrdinal[ordinal] is not { } entry || float.IsNegativeInfinity(best[ordinal]) || (skip is not null && skip(entry.SourceType, entry.SourceId)))
                {
                    continue;
                }

                heap.Enqueue(ordinal, (best[ordinal], entry.SourceType + "/" + entry.SourceId));
                if (heap.Count > top)
                {
                    heap.Dequeue();
                }
            }

            var hits = new List<VectorHit>(heap.Count);
            while (heap.TryDequeue(out var ordinal, out var priority))
            {
                var entry = _byOrdinal[ordinal]!;
                var chunk = bestChunk[ordinal];
                hits.Add(new VectorHit(entry.SourceType, entry.SourceId, entry.EmbeddingId, chunk, entry.Spans[chunk].Start, entry.Spans[chunk].Length, priority.Score));
            }

            hits.Reverse();
            return hits;
        }
    }

    private int AddRow(int ordinal, int chunk)
    {
        if (_rows == _rowOrdinal.Length)
        {
            var capacity = Math.Max(16, _rows * 2);
            Array.Resize(ref _rowOrdinal, capacity);
            Array.Resize(ref _rowChunk, capacity);
            Array.Resize(ref _data, capacity * Dimensions);
        }

        _rowOrdinal[_rows] = ordinal;
        _rowChunk[_rows] = chunk;
        return _rows++;
    }

    private bool RemoveLocked(string embeddingId)
    {
        if (!_entries.Remove(embeddingId, out var entry))
        {
            return false;
        }

        // Highest rows first, so a row moved into a hole is never one of this entry's.
        foreach (var row in entry.Rows.OrderDescending())
        {
            var last = _rows - 1;
            if (row != last)
            {
                _data.AsSpan(last * Dimensions, Dimensions).CopyTo(_data.AsSpan(row * Dimensions, Dimensions));
                _rowOrdinal[row] = _rowOrdinal[last];
                _rowChunk[row] = _rowChunk[last];
                var moved = _byOrdinal[_rowOrdinal[row]]!;
                moved.Rows[moved.Rows.IndexOf(last)] = row;
            }

            _rows--;
        }

        _byOrdinal[entry.Ordinal] = null;
        _freeOrdinals.Push(entry.Ordinal);
        return true;
    }

    private sealed record Entry(string EmbeddingId, string SourceType, string SourceId, int Ordinal, (int Start, int Length)[] Spans, List<int> Rows);
}
