using Microsoft.Extensions.AI;
using Realign.Assist.Embeddings;
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
    private readonly Lock _embedderGate = new();
    private IEmbeddingGenerator<string, Embedding<float>>? _embedder;
    private bool _ownsEmbedder;

    /// <summary>An assistant for a checked provider at <paramref name="exposure"/>.</summary>
    public Assistant(ProviderIdentity provider, Exposure exposure, AssistantOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        Provider = provider;
        Exposure = exposure;
        _options = options ?? new AssistantOptions();
        _client = provider.Options.Kind == ProviderKind.Builtin || !exposure.ReadsText()
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
            new(job, outputs ?? [], Telemetry.AssistMetrics.Record(new AiUsage(
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
                startedAt)), outcome == AssistOutcome.Ok ? text : null);

        if (job == AssistJob.Embed)
        {
            return await EmbedAsync([source], cancellationToken).ConfigureAwait(false);
        }

        if (job == AssistJob.Ask && string.IsNullOrWhiteSpace(prompt))
        {
            return Finish(AssistOutcome.InvalidRequest, "an ask needs a prompt");
        }

        if (!Exposure.ReadsText())
        {
            return Finish(AssistOutcome.NotExposed, NotExposedText());
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

    /// <summary>Embeds <paramref name="sources"/> in batches of <see cref="AssistantOptions.EmbeddingBatch"/> pieces: one
    /// <c>embedding</c> entity per source that has text (<see cref="EmbeddingRecord"/>), a removal of it for one that has
    /// none, and one usage record for the whole run. Sources with sealed values are left out.</summary>
    /// <param name="sources">The notes or tasks, decrypted where the host can.</param>
    /// <param name="cancellationToken">Stops the run; it then throws and leaves nothing.</param>
    public async Task<AssistResult> EmbedAsync(IReadOnlyList<AssistSource> sources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var time = _options.Time;
        var startedAt = UtcMicros.From(time.GetUtcNow());
        var started = time.GetTimestamp();
        var first = sources.Count > 0 ? sources[0] : new AssistSource("note", "", 0, new Dictionary<string, string>());
        var generator = Exposure.ReadsText() ? Embedder() : null;
        var model = generator is null ? Provider.Options.Model : EmbeddingGenerators.ModelOf(generator, Provider.Options.Model);
        long? tokens = null;
        AssistResult Finish(string outcome, string? error, IReadOnlyList<AssistOutput>? outputs = null, int redactions = 0) =>
            new(AssistJob.Embed, outputs ?? [], Telemetry.AssistMetrics.Record(new AiUsage(
                Guid.NewGuid().ToString("N"),
                Provider.Options.Name,
                model,
                Provider.Level,
                Provider.Origin.Value,
                Exposure.ToWire(),
                redactions,
                tokens,
                null,
                (long)time.GetElapsedTime(started).TotalMilliseconds,
                outcome,
                error,
                AssistJob.Embed,
                (first.EntityType, first.EntityId, first.Version),
                startedAt,
                sources.Count)), null);

        if (generator is null)
        {
            return Finish(AssistOutcome.NotExposed, NotExposedText());
        }

        var readable = sources.Where(s => !s.HasSealedValues).ToList();
        if (readable.Count == 0 && sources.Count > 0)
        {
            return Finish(AssistOutcome.Encrypted, "the note is encrypted and this host cannot read it");
        }

        // Redacted exposure holds for embeddings too: the model reads the placeholders (one redactor, so a value is the
        // same placeholder in every piece).
        var redactor = Exposure == Exposure.Redacted ? new Redactor(_options.TenantWords) : null;
        var pieces = readable.Select(s => TextChunker.Split(s.Title, s.Body)).ToList();
        var texts = pieces.SelectMany(p => p.Select(c => redactor is null ? c.Text : redactor.Redact(c.Text))).ToList();
        var vectors = new List<float[]>(texts.Count);
        using (var timeout = new CancellationTokenSource(_options.Timeout, time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                foreach (var batch in texts.Chunk(Math.Max(1, _options.EmbeddingBatch)))
                {
                    var embeddings = await generator.GenerateAsync(batch, null, linked.Token).ConfigureAwait(false);
                    if (embeddings.Count != batch.Length || embeddings.Any(e => e.Vector.Length == 0 || e.Vector.Length != embeddings[0].Vector.Length))
                    {
                        return Finish(AssistOutcome.MalformedAnswer, $"the model gave {embeddings.Count} vectors for {batch.Length} texts, or vectors of differing sizes", redactions: redactor?.Count ?? 0);
                    }

                    if (embeddings.Usage?.InputTokenCount is { } t)
                    {
                        tokens = (tokens ?? 0) + t;
                    }

                    vectors.AddRange(embeddings.Select(e => e.Vector.ToArray()));
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Finish(AssistOutcome.Timeout, $"no answer within {_options.Timeout.TotalSeconds:0.#} s", redactions: redactor?.Count ?? 0);
            }
#pragma warning disable CA1031 // Any failure of the provider's client is the run's outcome; the caller's cancellation is rethrown above.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                return Finish(AssistOutcome.ProviderError, ProviderErrorText(ex), redactions: redactor?.Count ?? 0);
            }
        }

        if (vectors.Count > 0 && vectors.Any(v => v.Length != vectors[0].Length))
        {
            return Finish(AssistOutcome.MalformedAnswer, "the model gave vectors of differing sizes", redactions: redactor?.Count ?? 0);
        }

        var outputs = new List<AssistOutput>(readable.Count);
        var next = 0;
        for (var i = 0; i < readable.Count; i++)
        {
            var source = readable[i];
            var id = EmbeddingRecord.IdFor(source.EntityType, source.EntityId, model);
            var chunks = pieces[i];
            if (chunks.Count == 0)
            {
                outputs.Add(new DerivedRemoval(EmbeddingRecord.EntityType, id));
                continue;
            }

            var embedded = chunks.Select(c => new EmbeddedChunk(c.Start, c.Length, vectors[next++])).ToList();
            var record = new EmbeddingRecord(source.EntityType, source.EntityId, source.Version, model, embedded, EmbeddingRecord.DigestOf(model, chunks.Select(c => c.Text)));
            outputs.Add(new DerivedEntity(EmbeddingRecord.EntityType, id, record.ToFields()));
        }

        return Finish(AssistOutcome.Ok, null, outputs, redactor?.Count ?? 0);
    }

    /// <summary>The digest the embedding of <paramref name="source"/> by this assistant's model would carry, and that
    /// model's id: a stored embedding with another digest is stale. Null when this assistant makes no embeddings (its
    /// level reads no text).</summary>
    public (string Model, string Digest)? ExpectedDigest(AssistSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!Exposure.ReadsText() || Embedder() is not { } generator)
        {
            return null;
        }

        var model = EmbeddingGenerators.ModelOf(generator, Provider.Options.Model);
        return (model, EmbeddingRecord.DigestOf(model, TextChunker.Split(source.Title, source.Body).Select(c => c.Text)));
    }

    /// <summary>Embeds one query text (a search) with this assistant's model: null when its level reads no text.</summary>
    /// <exception cref="InvalidOperationException">The model gave no vector.</exception>
    public async Task<(string Model, float[] Vector)?> EmbedQueryAsync(string query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!Exposure.ReadsText() || Embedder() is not { } generator)
        {
            return null;
        }

        var text = Exposure == Exposure.Redacted ? new Redactor(_options.TenantWords).Redact(query) : query;
        var result = await generator.GenerateAsync([text], null, cancellationToken).ConfigureAwait(false);
        return result.Count == 1 && result[0].Vector.Length > 0
            ? (EmbeddingGenerators.ModelOf(generator, Provider.Options.Model), result[0].Vector.ToArray())
            : throw new InvalidOperationException("the embedding model gave no vector for the query");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _client?.Dispose();
        if (_ownsEmbedder)
        {
            _embedder?.Dispose();
        }
    }

    private string NotExposedText() => Exposure == Exposure.Vectors
        ? $"the exposure policy gives level {(int)Provider.Level} embeddings only: no text is sent to it"
        : $"the exposure policy gives level {(int)Provider.Level} nothing to read";

    private IEmbeddingGenerator<string, Embedding<float>> Embedder()
    {
        lock (_embedderGate)
        {
            if (_embedder is null)
            {
                if (_options.Embeddings is { } given)
                {
                    _embedder = given;
                }
                else
                {
                    _embedder = EmbeddingGenerators.Create(Provider, _options.ApiKey, out var owned);
                    _ownsEmbedder = owned;
                }
            }

            return _embedder;
        }
    }

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
