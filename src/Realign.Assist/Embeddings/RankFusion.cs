namespace Realign.Assist.Embeddings;

/// <summary>Reciprocal rank fusion: a result's score is the sum of 1 / (<see cref="K"/> + rank) over each ranking that holds
/// it, so a note near the top of either list ranks high and one found by both ranks higher, with no score scales to
/// reconcile (Cormack, Clarke and Buettcher, SIGIR 2009).</summary>
public static class RankFusion
{
    /// <summary>The damping constant of the original paper: a result at rank 1 scores 1/61.</summary>
    public const int K = 60;

    /// <summary>Fuses the vector results and the keyword results (sources in rank order, best first) into at most
    /// <paramref name="top"/> hits, best first; ties by source key.</summary>
    public static IReadOnlyList<SearchHit> Fuse(IReadOnlyList<VectorHit> vectors, IReadOnlyList<(string SourceType, string SourceId)> keywords, int top)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(keywords);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var hits = new Dictionary<(string, string), (double Score, RankedVector? Vector, int? Keyword)>();
        for (var i = 0; i < vectors.Count; i++)
        {
            var key = (vectors[i].SourceType, vectors[i].SourceId);
            if (!hits.ContainsKey(key))
            {
                hits[key] = (1.0 / (K + i + 1), new RankedVector(i + 1, vectors[i]), null);
            }
        }

        for (var i = 0; i < keywords.Count; i++)
        {
            var key = keywords[i];
            var (score, vector, keyword) = hits.GetValueOrDefault(key);
            if (keyword is null)
            {
                hits[key] = (score + (1.0 / (K + i + 1)), vector, i + 1);
            }
        }

        return hits
            .OrderByDescending(h => h.Value.Score)
            .ThenBy(h => h.Key.Item1, StringComparer.Ordinal)
            .ThenBy(h => h.Key.Item2, StringComparer.Ordinal)
            .Take(top)
            .Select(h => new SearchHit(h.Key.Item1, h.Key.Item2, h.Value.Score, h.Value.Vector, h.Value.Keyword))
            .ToList();
    }
}
