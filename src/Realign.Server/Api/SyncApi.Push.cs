using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.Server.Confirm;
using Realign.Server.Internal;
using Realign.Server.Telemetry;
using Realign.Storage;

namespace Realign.Server.Api;

public static partial class SyncApi
{
    private const int MaxBatchIdLength = 100;

    private static async Task<Results<PushBody, Problem>> PushAsync(HttpContext context, IReplicaStore store, RealignServerOptions options, ILogger<PushRequest> logger, ConfirmationService confirmations, DeviceActivity devices, ServerMetrics metrics)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var principal = Bearer.PrincipalOf(context);
        metrics.OutboxDepthOf(context.Request);
        context.Response.Headers[EpochHeader] = store.Epoch;
        System.Diagnostics.Activity.Current?.SetTag("realign.tenant_id", principal.TenantId);
        var now = UtcMicros.From(options.Clock.GetUtcNow());
        var ct = context.RequestAborted;
        await devices.TouchAsync(principal, ct).ConfigureAwait(false);
        PushRequest? request;
        using var body = new HashingReadStream(context.Request.Body);
        try
        {
            request = await JsonSerializer.DeserializeAsync(body, RealignJsonContext.Default.PushRequest, ct).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return await RefuseAsync(store, logger, metrics, started, principal, null, now, Problem.BadRequest(RefusalCodes.InvalidJson, JsonErrors.Describe(ex)), ct).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var tooLarge = new Problem(StatusCodes.Status413PayloadTooLarge, RefusalCodes.PayloadTooLarge, $"the request body is over {options.MaxRequestBodyBytes} bytes; push smaller batches");
            return await RefuseAsync(store, logger, metrics, started, principal, null, now, tooLarge, ct).ConfigureAwait(false);
        }

        if (request?.BatchId is not { Length: > 0 and <= MaxBatchIdLength } batchId || batchId.Any(char.IsControl))
        {
            return await RefuseAsync(store, logger, metrics, started, principal, null, now, Problem.BadRequest(ProblemCodes.InvalidRequest, $"batch_id is required: 1-{MaxBatchIdLength} characters without control characters"), ct).ConfigureAwait(false);
        }

        if (request.Items is not { } items)
        {
            return await RefuseAsync(store, logger, metrics, started, principal, batchId, now, Problem.BadRequest(ProblemCodes.InvalidRequest, "items is required (an array of sync items)"), ct).ConfigureAwait(false);
        }

        if (items.Count > options.MaxItemsPerBatch)
        {
            var error = new ItemErrorDto { Index = -1, Code = RefusalCodes.PayloadTooLarge, Field = "items", Message = $"the batch has {items.Count} items; at most {options.MaxItemsPerBatch} are allowed" };
            return await RefuseAsync(store, logger, metrics, started, principal, batchId, now, new Problem(StatusCodes.Status413PayloadTooLarge, RefusalCodes.PayloadTooLarge, error.Message, [error]), ct).ConfigureAwait(false);
        }

        // A replay answers with the stored response before its items are admitted again (the decisive check is the one under
        // the tenant lock). The same id with another body is refused: its items would otherwise be dropped without a word.
        var requestHash = body.Hex();
        try
        {
            if (await store.FindBatchAsync(principal.TenantId, batchId, principal.PrincipalId, requestHash, ct).ConfigureAwait(false) is { } replayed)
            {
                metrics.Pushed(replayed, System.Diagnostics.Stopwatch.GetElapsedTime(started));
                return new PushBody(JsonSerializer.SerializeToUtf8Bytes(replayed, RealignJsonContext.Default.PushResponse));
            }
        }
        catch (BatchIdReusedException ex)
        {
            return await RefuseAsync(store, logger, metrics, started, principal, batchId, now, BatchIdReused(ex), ct).ConfigureAwait(false);
        }

        var tenant = await store.FindTenantAsync(principal.TenantId, ct).ConfigureAwait(false) ?? throw new InvalidOperationException("the token's tenant is gone");
        var policy = tenant.Policy();
        var scope = principal.Scope(tenant.Channels());
        var limits = new AdmissionLimits { MaxPayloadBytes = options.MaxPayloadBytes };
        var (writes, refusals) = Admit(items, scope, policy, now, limits);

        // Writes the channel policy confirms (a voice device's level 1, its accepts): when they are all that stands in the
        // way and the batch carries a confirmation, it is checked (and a TOTP step used up) for this batch, then the batch
        // is admitted again as confirmed. A batch that needs none never has its confirmation looked at.
        if (refusals.Count > 0 && refusals.TrueForAll(r => r.Code == RefusalCodes.ConfirmationRequired) && request.Confirmation is { } given)
        {
            var outcome = await confirmations.VerifyAsync(principal, given, $"push of batch {batchId} ({items.Count} item(s))", ct).ConfigureAwait(false);
            if (!outcome.Confirmed)
            {
                return await RefuseAsync(store, logger, metrics, started, principal, batchId, now, outcome.Problem!, ct).ConfigureAwait(false);
            }

            (writes, refusals) = Admit(items, scope.Confirmed(), policy, now, limits);
        }

        if (refusals.Count > 0)
        {
            return await RefuseAsync(store, logger, metrics, started, principal, batchId, now, ProblemFor(refusals), ct).ConfigureAwait(false);
        }

        try
        {
            var applied = await store.ApplyBatchToJsonAsync(new BatchCommand(principal.TenantId, principal.PrincipalId, batchId, writes, now, requestHash), ct).ConfigureAwait(false);
            metrics.Pushed(applied.Response, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            System.Diagnostics.Activity.Current?.SetTag("realign.batch.items", items.Count);
            return new PushBody(applied.Json);
        }
        catch (BatchIdReusedException ex)
        {
            return await RefuseAsync(store, logger, metrics, started, principal, batchId, now, BatchIdReused(ex), ct).ConfigureAwait(false);
        }
        catch (VersionAheadException ex)
        {
            var error = new ItemErrorDto { Index = ex.Index, Code = ProblemCodes.VersionAhead, Field = "version", Message = ex.Message };
            var problem = new Problem(StatusCodes.Status409Conflict, ProblemCodes.VersionAhead, $"the batch was refused and nothing was stored: {ex.Message}", [error]);
            return await RefuseAsync(store, logger, metrics, started, principal, batchId, now, problem, ct).ConfigureAwait(false);
        }
    }

    private static (List<Realign.Core.Merge.Write> Writes, List<Refusal> Refusals) Admit(List<SyncItem> items, PrincipalScope scope, Realign.Core.Merge.SchemaPolicy policy, long now, AdmissionLimits limits)
    {
        var writes = new List<Realign.Core.Merge.Write>(items.Count);
        var refusals = new List<Refusal>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                refusals.Add(new Refusal(i, RefusalCodes.InvalidItem, "items", "an item is null"));
                continue;
            }

            var admission = ItemAdmission.Admit(items[i], i, scope, policy, now, limits);
            if (admission.Write is { } write)
            {
                writes.Add(write);
            }

            refusals.AddRange(admission.Refusals);
        }

        return (writes, refusals);
    }

    private static Problem BatchIdReused(BatchIdReusedException ex) => new(StatusCodes.Status409Conflict, ProblemCodes.BatchIdReused, ex.Message);

    private static Problem ProblemFor(List<Refusal> refusals)
    {
        var errors = refusals.Select(r => new ItemErrorDto { Index = r.Index, Code = r.Code, Field = r.Field, Message = r.Message }).ToList();
        var security = refusals.FirstOrDefault(r => r.IsSecurity);
        var tooLarge = refusals.FirstOrDefault(r => r.Code == RefusalCodes.PayloadTooLarge);
        var (status, first) = security is not null ? (StatusCodes.Status403Forbidden, security)
            : tooLarge is not null ? (StatusCodes.Status413PayloadTooLarge, tooLarge)
            : (StatusCodes.Status400BadRequest, refusals[0]);
        var items = refusals.Select(r => r.Index).Distinct().Count();
        return new Problem(status, first.Code, $"the batch was refused and nothing was stored: {refusals.Count} problem(s) in {items} item(s); first: item {first.Index}, {first.Field}: {first.Message}", errors);
    }

    /// <summary>Logs a refused batch (one security or sync event) and returns its problem.</summary>
    private static async Task<Problem> RefuseAsync(IReplicaStore store, ILogger logger, ServerMetrics metrics, long started, PrincipalInfo principal, string? batchId, long now, Problem problem, CancellationToken ct)
    {
        metrics.PushRefused(problem.Code, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        var log = problem.StatusCode is StatusCodes.Status403Forbidden or StatusCodes.Status429TooManyRequests ? EventLog.Security : EventLog.Sync;
        ServerLog.RefusedBatch(logger, batchId ?? "-", principal.PrincipalId, principal.TenantId, problem.StatusCode, problem.Code);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            problem.Write(writer);
        }

        var detail = JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
        await store.RecordEventAsync(log, principal.TenantId, new EventEntry(0, now, "refused-batch:" + problem.Code, principal.PrincipalId, batchId, null, null, detail.ToJsonString()), ct).ConfigureAwait(false);
        return problem;
    }
}
