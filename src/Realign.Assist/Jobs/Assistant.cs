using Microsoft.Extensions.AI;
using Realign.Assist.Providers;
using Realign.Assist.Redaction;
using Realign.Core.Contract;
using Realign.Core.Truth;

namespace Realign.Assist.Jobs;

/// <summary>Runs jobs on notes with one provider, under the exposure the tenant's policy gives that provider's level.</summary>
/// <remarks>
/// <para>The level and origin of every output are the provider's (<see cref="ProviderIdentity"/>), fixed by where it runs,
/// never by what it answers. The outputs are only proposals: <see cref="FieldSuggestion"/>s on the source and
/// <see cref="DerivedEntity"/>s beside it; the host writes them below level 1, so a user value is never replaced.</para>
/// <para>Nothing is sent when the exposure is <see cref="Exposure.None"/> or the source holds sealed values. A model's
/// client is built by <see cref="ChatClients.Create"/> with the exposure, so redaction sits in its pipeline. Every run
/// returns an <see cref="AiUsage"/> record, also when it failed (timeout, provider error, malformed answer): a failed run
/// has no outputs, so nothing is half-written.</para>
/// </remarks>
public sealed class Assistant : IDisposable
{
    private readonly IChatClient? _client;
    private readonly AssistantOptions _options;

    /// <summary>An assistant for a checked provider at <paramref name="exposure"/>.</summary>
    public Assistant(ProviderIdentity provider, Exposure exposure, AssistantOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        Provider = provider;
        Exposure = exposure;
        _options = options ?? new AssistantOptions();
        _client = provider.Options.Kind == ProviderKind.Builtin || exposure == Exposure.None
            ? null
            : ChatClients.Create(provider, exposure, _options.ApiKey, _options.TenantWords);
    }

    /// <summary>The provider, with its level and origin.</summary>
    public ProviderIdentity Provider { get; }

    /// <summary>What this assistant may read.</summary>
    public Exposure Exposure { get; }

    /// <summary>Runs <paramref name="job"/> on <paramref name="source"/>.</summary>
    /// <param name="job">The job.</param>
    /// <param name="source">The entity, decrypted where the host can.</param>
    /// <param name="prompt">The question of an <see cref="AssistJob.Ask"/>.</param>
    /// <param name="cancellationToken">Stops the call; the run then throws and leaves nothing.</param>
    public async Task<AssistResult> RunAsync(AssistJob job, AssistSource source, string? prompt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var time = _options.Time;
        var startedAt = UtcMicros.From(time.GetUtcNow());
        var started = time.GetTimestamp();
        AssistResult Finish(string outcome, string? error, IReadOnlyList<AssistOutput>? outputs = null, string? text = null, int redactions = 0, UsageDetails? usage = null) =>
            new(job, outputs ?? [], new AiUsage(
                Guid.NewGuid().ToString("N"),
                Provider.Options.Name,
                Provider.Options.Model,
                Provider.Level,
                Provider.Origin.Value,
                Exposure.ToString().ToLowerInvariant(),
                redactions,
                usage?.InputTokenCount,
                usage?.OutputTokenCount,
                (long)time.GetElapsedTime(started).TotalMilliseconds,
                outcome,
                error,
                job,
                (source.EntityType, source.EntityId, source.Version),
                startedAt), outcome == AssistOutcome.Ok ? text : null);

        if (job == AssistJob.Ask && string.IsNullOrWhiteSpace(prompt))
        {
            return Finish(AssistOutcome.InvalidRequest, "an ask needs a prompt");
        }

        if (Exposure == Exposure.None)
        {
            return Finish(AssistOutcome.NotExposed, $"the exposure policy gives level {(int)Provider.Level} nothing to read");
        }

        if (source.HasSealedValues)
        {
            return Finish(AssistOutcome.Encrypted, "the note is encrypted and this host cannot read it");
        }

        if (_client is null)
        {
            return RunBuiltin(job, source, prompt, Finish);
        }

        var (messages, chatOptions) = ModelJobs.Prompt(job, source, prompt);
        ChatResponse response;
        using (var timeout = new CancellationTokenSource(_options.Timeout, time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                response = await _client.GetResponseAsync(messages, chatOptions, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Finish(AssistOutcome.Timeout, $"no answer within {_options.Timeout.TotalSeconds:0.#} s");
            }
#pragma warning disable CA1031 // Any failure of the provider's client is the run's outcome; the caller's cancellation is rethrown above.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                return Finish(AssistOutcome.ProviderError, ProviderErrorText(ex));
            }
        }

        var redactions = response.AdditionalProperties?.TryGetValue(RedactingChatClient.RedactionsProperty, out var count) == true && count is int n ? n : 0;
        var read = ModelJobs.Read(job, source, prompt, response.Text);
        return read is { } r
            ? Finish(AssistOutcome.Ok, null, r.Outputs, r.Text, redactions, response.Usage)
            : Finish(AssistOutcome.MalformedAnswer, job is AssistJob.Tags or AssistJob.Tasks ? "the answer was not the JSON asked for" : "the answer was empty", redactions: redactions, usage: response.Usage);
    }

    /// <inheritdoc />
    public void Dispose() => _client?.Dispose();

    private AssistResult RunBuiltin(AssistJob job, AssistSource source, string? prompt, Func<string, string?, IReadOnlyList<AssistOutput>?, string?, int, UsageDetails?, AssistResult> finish)
    {
        if (Exposure != Exposure.Redacted)
        {
            var (outputs, text) = BuiltinJobs.Run(job, source, prompt);
            return finish(AssistOutcome.Ok, null, outputs, text, 0, null);
        }

        // Redacted exposure holds in process too: the built-in assistant reads the placeholders, and they are put back after.
        var redactor = new Redactor(_options.TenantWords);
        var masked = source with { Fields = source.Fields.ToDictionary(f => f.Key, f => JobOutputs.TextOf(f.Value) is { } t ? AiUsage.Json(redactor.Redact(t)) : f.Value, StringComparer.Ordinal) };
        var (maskedOutputs, maskedText) = BuiltinJobs.Run(job, masked, prompt is null ? null : redactor.Redact(prompt));
        var restored = maskedOutputs.Select(o => Restore(o, redactor)).ToList();
        return finish(AssistOutcome.Ok, null, restored, maskedText is null ? null : redactor.Restore(maskedText), redactor.Count, null);
    }

    private static AssistOutput Restore(AssistOutput output, Redactor redactor)
    {
        string Back(string json) => JobOutputs.TextOf(json) is { } t ? AiUsage.Json(redactor.Restore(t)) : redactor.Restore(json);
        return output switch
        {
            FieldSuggestion f => f with { Value = Back(f.Value) },
            DerivedEntity d => d with { Fields = d.Fields.Select(f => new KeyValuePair<string, string>(f.Key, Back(f.Value))).ToList() },
            _ => output,
        };
    }

    private static string ProviderErrorText(Exception ex)
    {
        var message = ex.Message.ReplaceLineEndings(" ");
        return message.Length <= 200 ? message : message[..200];
    }
}
