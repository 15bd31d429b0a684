using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly;
using Polly.Retry;
using Realign.Core.Contract;

namespace Realign.Vault.Sync;

/// <summary>The wire contract over HTTP: bearer token, JSON bodies, problem details, retries with backoff.</summary>
/// <remarks>Network errors, 5xx and 429 are retried with exponential backoff and jitter (Polly), honouring
/// <c>Retry-After</c>. A push is safe to retry because its batch id is idempotent on the server.</remarks>
public sealed class HttpSyncTransport : ISyncTransport, IDisposable
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private long? _outboxDepth;

    /// <inheritdoc />
    public string? ServerEpoch { get; private set; }

    /// <summary>Creates a transport for a server and token.</summary>
    /// <param name="baseAddress">The server's base URL.</param>
    /// <param name="token">The bearer token (<c>rlt_...</c>).</param>
    /// <param name="handler">An optional handler (tests, proxies).</param>
    /// <param name="maxRetries">Retries of a transient failure.</param>
    /// <param name="firstDelay">The first backoff delay (doubling after).</param>
    /// <param name="compress">Ask for compressed pull pages (Brotli or gzip); by default only when the server is not on
    /// loopback, where compressing costs both sides time and saves nothing. Ignored with a <paramref name="handler"/>.</param>
    public HttpSyncTransport(Uri baseAddress, string token, HttpMessageHandler? handler = null, int maxRetries = 5, TimeSpan? firstDelay = null, bool? compress = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentException.ThrowIfNullOrEmpty(token);
        var decompress = (compress ?? !baseAddress.IsLoopback) ? DecompressionMethods.Brotli | DecompressionMethods.GZip : DecompressionMethods.None;
        _http = handler is null ? new HttpClient(new SocketsHttpHandler { AutomaticDecompression = decompress }) : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.Timeout = TimeSpan.FromSeconds(100);
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = firstDelay ?? TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.TooManyRequests),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>The response header with the server store's epoch.</summary>
    internal const string EpochHeader = "Realign-Epoch";

    /// <summary>The problem code of a pull from a cursor ahead of the server (it was restored to an older point).</summary>
    internal const string CursorAhead = "cursor-ahead";

    /// <summary>The problem code of a push made on a version ahead of the server's.</summary>
    internal const string VersionAhead = "version-ahead";

    /// <summary>The header that carries the outbox depth to the server's metrics.</summary>
    internal const string OutboxDepthHeader = "Realign-Outbox-Depth";

    /// <inheritdoc />
    public void ReportOutboxDepth(long depth) => _outboxDepth = Math.Max(0, depth);

    /// <inheritdoc />
    public async Task<MeResponse> GetMeAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "auth/me"), cancellationToken).ConfigureAwait(false);
        await EnsureOkAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, RealignJsonContext.Default.MeResponse, "GET /auth/me", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The problem code of a push whose batch id the server already holds for another body.</summary>
    internal const string BatchIdReused = "batch-id-reused";

    /// <inheritdoc />
    public async Task<PushResult> PushAsync(PushRequest request, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(request, RealignJsonContext.Default.PushRequest);
        using var response = await SendAsync(() => WithDepth(new HttpRequestMessage(HttpMethod.Post, "sync/push") { Content = Json(body) }), cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return new PushResult(await ReadAsync(response, RealignJsonContext.Default.PushResponse, "POST /sync/push", cancellationToken).ConfigureAwait(false));
        }

        var problem = await ProblemReader.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        if ((response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden && problem.Errors.Count > 0) || response.StatusCode == HttpStatusCode.RequestEntityTooLarge
            || (response.StatusCode == HttpStatusCode.Conflict && problem.Code is BatchIdReused or VersionAhead))
        {
            return new PushResult(null, (int)response.StatusCode, problem.Code, problem.Detail, problem.Errors);
        }

        throw problem.ToException((int)response.StatusCode, "push");
    }

    /// <inheritdoc />
    public async Task<PullResponse> PullAsync(long since, int limit, CancellationToken cancellationToken)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"sync/pull?since={since}&limit={limit}");
        using var response = await SendAsync(() => WithDepth(new HttpRequestMessage(HttpMethod.Get, url)), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Gone)
        {
            throw new ResyncRequiredException();
        }

        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            var problem = await ProblemReader.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            if (problem.Code == CursorAhead)
            {
                throw new ServerRestoredException(problem.Detail ?? "the server was restored to an older point");
            }

            throw problem.ToException((int)response.StatusCode, "pull");
        }

        await EnsureOkAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, RealignJsonContext.Default.PullResponse, "GET /sync/pull", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ConflictDto>> GetConflictsAsync(string status, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "sync/conflicts?status=" + Uri.EscapeDataString(status)), cancellationToken).ConfigureAwait(false);
        await EnsureOkAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, RealignJsonContext.Default.ListConflictDto, "GET /sync/conflicts", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ChecksumResponse?> GetChecksumAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "sync/checksum"), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureOkAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, RealignJsonContext.Default.ChecksumResponse, "GET /sync/checksum", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> WaitForChangeAsync(long since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var seconds = (int)Math.Clamp(Math.Ceiling(timeout.TotalSeconds), 1, MaxWaitSeconds);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"sync/wait?since={since}&timeout={seconds}")), cancellationToken)
            .ConfigureAwait(false);
        await EnsureOkAsync(response, cancellationToken).ConfigureAwait(false);
        var wait = await ReadAsync(response, RealignJsonContext.Default.WaitResponse, "GET /sync/wait", cancellationToken).ConfigureAwait(false);
        return wait.Changed;
    }

    private HttpRequestMessage WithDepth(HttpRequestMessage request)
    {
        if (_outboxDepth is { } depth)
        {
            request.Headers.TryAddWithoutValidation(OutboxDepthHeader, depth.ToString(CultureInfo.InvariantCulture));
        }

        return request;
    }

    /// <summary>The longest long poll this transport asks for, well inside its request timeout.</summary>
    private const int MaxWaitSeconds = 50;

    /// <inheritdoc />
    public async Task<ResolveResponse> ResolveAsync(ResolveRequest request, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(request, RealignJsonContext.Default.ResolveRequest);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "sync/conflict-resolve") { Content = Json(body) }, cancellationToken).ConfigureAwait(false);
        await EnsureOkAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, RealignJsonContext.Default.ResolveResponse, "POST /sync/conflict-resolve", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A page of the tenant's sync log (<paramref name="security"/> false: <c>GET /sync/events</c>) or security log
    /// (<c>GET /security/events</c>), oldest first, after the event id <paramref name="after"/>.</summary>
    public Task<IReadOnlyList<EventDto>> GetEventsAsync(bool security, long after, int limit, CancellationToken cancellationToken) =>
        GetEventsAsync((security ? "security/events" : "sync/events") + FormattableString.Invariant($"?after={after}&limit={limit}"), cancellationToken);

    /// <summary>The newest <paramref name="count"/> rows of the tenant's sync or security log, newest first.</summary>
    public Task<IReadOnlyList<EventDto>> GetNewestEventsAsync(bool security, int count, CancellationToken cancellationToken) =>
        GetEventsAsync((security ? "security/events" : "sync/events") + FormattableString.Invariant($"?newest={count}"), cancellationToken);

    private async Task<IReadOnlyList<EventDto>> GetEventsAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken).ConfigureAwait(false);
        await EnsureOkAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, RealignJsonContext.Default.ListEventDto, "GET /" + path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tenant's exposure policy: what each AI level may read (<c>GET /sync/policy/exposure</c>).</summary>
    public async Task<ExposurePolicyDto> GetExposureAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "sync/policy/exposure"), cancellationToken).ConfigureAwait(false);
        await EnsureOkAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, RealignJsonContext.Default.ExposurePolicyDto, "GET /sync/policy/exposure", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes the tenant's exposure policy (the levels given; <c>PUT /sync/policy/exposure</c>); only the tenant's
    /// owner (a user device with the accept right) may.</summary>
    public async Task<ExposurePolicyDto> SetExposureAsync(ExposurePolicyDto change, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(change, RealignJsonContext.Default.ExposurePolicyDto);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, "sync/policy/exposure") { Content = Json(body) }, cancellationToken).ConfigureAwait(false);
        await EnsureOkAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, RealignJsonContext.Default.ExposurePolicyDto, "PUT /sync/policy/exposure", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a reply body as its contract type; a body that does not match the contract (an unknown vault mode or
    /// outcome, a missing member) is a <see cref="SyncTransportException"/> naming the call and what was wrong.</summary>
    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, string call, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false)
                    ?? throw new SyncTransportException($"{call} answered with an empty body");
            }
            catch (JsonException ex)
            {
                throw new SyncTransportException($"{call} answered with a body this vault does not understand: {ex.Message}; nothing was changed", ex);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> make, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                async ct =>
                {
                    using var request = make();
                    var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
                    if (response.Headers.TryGetValues(EpochHeader, out var epochs) && epochs.FirstOrDefault() is { Length: > 0 } epoch)
                    {
                        ServerEpoch = epoch;
                    }

                    return response;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new SyncTransportException($"cannot reach the server at {_http.BaseAddress}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SyncTransportException($"the server at {_http.BaseAddress} did not answer in time", ex);
        }
    }

    private static async Task EnsureOkAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var problem = await ProblemReader.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            throw problem.ToException((int)response.StatusCode, response.RequestMessage?.RequestUri?.AbsolutePath ?? "request");
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        if (response?.Headers.RetryAfter is { } ra)
        {
            if (ra.Delta is { } delta)
            {
                return delta < TimeSpan.FromMinutes(2) ? delta : TimeSpan.FromMinutes(2);
            }

            if (ra.Date is { } date)
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return null;
    }
}
