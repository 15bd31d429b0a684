using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Realign.Assist.Embeddings;
using Realign.Assist.Jobs;
using Realign.Assist.Providers;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Truth;
using Realign.Server.Internal;
using Realign.Server.Search;
using Realign.Storage;

namespace Realign.Server.Api;

public static partial class SyncApi
{
    private const int MaxQueryChars = 1_000;
    private const int MaxVectorDimensions = 4_096;

    private static Task<Results<Ok<SearchResponse>, Problem>> SearchGetAsync(HttpContext context, IReplicaStore store, TenantVectors vectors, string? q, string? top)
    {
        int? count = null;
        if (top is not null)
        {
            if (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return Task.FromResult<Results<Ok<SearchResponse>, Problem>>(Problem.BadRequest(ProblemCodes.InvalidRequest, "top must be a whole number from 1 to 100"));
            }

            count = n;
        }

        return SearchAsync(context, store, vectors, new SearchRequest(q, null, null, count));
    }

    private static async Task<Results<Ok<SearchResponse>, Problem>> SearchPostAsync(HttpContext context, IReplicaStore store, TenantVectors vectors)
    {
        var (body, problem) = await JsonBody.ReadAsync(context, RealignJsonContext.Default.SearchRequest, "an object with q, or vector and model, and optionally top").ConfigureAwait(false);
        return problem is not null ? problem : await SearchAsync(context, store, vectors, body!).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<SearchResponse>, Problem>> SearchAsync(HttpContext context, IReplicaStore store, TenantVectors vectors, SearchRequest request)
    {
        var principal = Bearer.PrincipalOf(context);
        var top = request.Top ?? 10;
        var q = request.Q?.Trim();
        if (top is < 1 or > 100)
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, $"top is {top}; give a whole number from 1 to 100");
        }

        if (q is { Length: > MaxQueryChars })
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, $"q is {q.Length} characters; at most {MaxQueryChars}");
        }

        if (request.Vector is { } given && (given.Length is 0 or > MaxVectorDimensions || given.Any(v => !float.IsFinite(v))))
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, $"vector must hold 1 to {MaxVectorDimensions} finite numbers");
        }

        if ((request.Vector is null) != (request.Model is null))
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, "vector and model go together: the model says which embeddings the vector is compared with");
        }

        if (request.Model is { Length: 0 or > 200 })
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, "model must be 1 to 200 characters");
        }

        if (string.IsNullOrEmpty(q) && request.Vector is null)
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, "give q (the words to find), or vector and model");
        }

        var localFirst = principal.Mode == VaultMode.LocalFirst;
        if (localFirst && request.Vector is null)
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest,
                "this tenant is local-first: the server reads none of its text, so it neither embeds q nor matches its words; send vector and model (the vault embeds the query)");
        }

        var cancel = context.RequestAborted;
        string? keywordsOnly = null;
        string? model = request.Model;
        var vector = request.Vector;
        if (vector is null)
        {
            // A cloud-first tenant's words, embedded in process by the built-in model (level 3), under the tenant's local exposure.
            var exposure = (await store.GetExposureAsync(principal.TenantId, cancel).ConfigureAwait(false)).Policy.For(TruthLevel.AiLocal);
            using var assistant = new Assistant(ProviderCheck.Validate(ProviderNames.Builtin), exposure);
            if (await assistant.EmbedQueryAsync(q!, cancel).ConfigureAwait(false) is { } embedded)
            {
                (model, vector) = embedded;
            }
            else
            {
                keywordsOnly = "the exposure policy gives level 3 no text to embed";
            }
        }

        var staleSkipped = 0;
        List<VectorHit> vectorHits = [];
        if (vector is not null)
        {
            var tenant = await vectors.RefreshAsync(principal.TenantId, cancel).ConfigureAwait(false);
            var index = tenant.For(model!);
            if (index is null)
            {
                keywordsOnly = $"the tenant has no embeddings by {model}" + (tenant.Models.Any() ? $" (it has {string.Join(", ", tenant.Models)})" : " yet: a vault makes them (realign embed)");
            }
            else if (index.Dimensions != vector.Length)
            {
                return Problem.BadRequest(ProblemCodes.InvalidRequest, $"the vector has {vector.Length} dimensions; {model}'s embeddings have {index.Dimensions}");
            }
            else
            {
                var fresh = new List<VectorHit>();
                foreach (var hit in index.Search(vector, Math.Max(top * 4, 50)))
                {
                    if (await EmbeddingFreshness.IsCurrentAsync(store, principal.TenantId, tenant.Find(hit.EmbeddingId), hit, !localFirst, cancel).ConfigureAwait(false))
                    {
                        fresh.Add(hit);
                    }
                    else
                    {
                        staleSkipped++;
                    }
                }

                vectorHits = fresh;
            }
        }

        string? keywordsNote = null;
        IReadOnlyList<(string, string)> keywordHits = [];
        if (!string.IsNullOrEmpty(q))
        {
            var terms = KeywordTerms.From(q);
            if (localFirst)
            {
                keywordsNote = "the server reads none of a local-first tenant's text";
            }
            else if (terms.Count > 0)
            {
                keywordHits = await store.SearchTextAsync(principal.TenantId, terms, Math.Max(top * 4, 50), cancel).ConfigureAwait(false);
            }
        }

        var fused = RankFusion.Fuse(vectorHits, keywordHits, top);
        var results = fused.Select(h => new SearchResultDto(h.SourceType, h.SourceId, Math.Round(h.Score, 6),
            h.Vector is { } v ? new SearchVectorDto(v.Rank, Math.Round(v.Hit.Score, 6), v.Hit.EmbeddingId, v.Hit.Chunk, v.Hit.Start, v.Hit.Length) : null,
            h.KeywordRank)).ToList();
        return TypedResults.Ok(new SearchResponse(results, vectorHits.Count > 0 || keywordsOnly is null ? model : null, keywordsOnly, keywordsNote, staleSkipped));
    }

}
