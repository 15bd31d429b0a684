using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
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

    /// <summary>Creates a transport for a server and token.</summary>
    /// <param name="baseAddress">The server's base URL.</param>
    /// <param name="token">The bearer token (<c>rlt_...</c>).</param>
    /// <param name="handler">An optional handler (tests, proxies).</param>
    /// <param name="maxRetries">Retries of a transient failure.</param>
    /// <param name="firstDelay">The first backoff delay (doubling after).</param>
    public HttpSyncTransport(Uri baseAddress, string token, HttpMessageHandler? handler = null, int maxRetries = 5, TimeSpan? firstDelay = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentException.ThrowIfNullOrEmpty(token);
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
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

    /// <inheritdoc />
    public async Task<AuthInfo> GetMeAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "auth/me"), cancellationToken).ConfigureAwait(false);
        await EnsureOkAsync(response, cancellationToken).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var root = doc.RootElement;
        string? Str(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new AuthInfo(
            Str("tenant_id") ?? throw new SyncTransportException("GET /auth/me lacks tenant_id"),
            Str("tenant_name"),
            VaultModes.IsKnown(Str("vault_mode")) ? Str("vault_mode")! : throw new SyncTransportException(Str("vault_mode") is { } unknown
                ? $"GET /auth/me names the vault mode '{unknown}', which this vault does not know; nothing was created"
                : "GET /auth/me names no vault mode; nothing was created"),
            Str("principal_id") ?? "",
            Str("kind") ?? "",
            Str("channel"),
            root.TryGetProperty("can_accept", out var ca) && ca.ValueKind == JsonValueKind.True,
            root.TryGetProperty("levels", out var lv) && lv.ValueKind == JsonValueKind.Array ? lv.EnumerateArray().Select(e => e.GetInt32()).ToList() : [],
            root.TryGetProperty("origin_prefixes", out var op) && op.ValueKind == JsonValueKind.Array ? op.EnumerateArray().Select(e => e.GetString() ?? "").ToList() : []);
    }

    /// <summary>The problem code of a push whose batch id the server already holds for another body.</summary>
    internal const string BatchIdReused = "batch-id-reused";

    /// <inheritdoc />
    public async Task<PushResult> PushAsync(PushRequest request, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(request, RealignJsonContext.Default.PushRequest);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "sync/push") { Content = Json(body) }, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new PushResult(JsonSerializer.Deserialize(text, RealignJsonContext.Default.PushResponse));
        }

        var problem = await ProblemReader.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        if ((response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden && problem.Errors.Count > 0) || response.StatusCode == HttpStatusCode.RequestEntityTooLarge
            || (response.StatusCode == HttpStatusCode.Conflict && problem.Code == BatchIdReused))
        {
            return new PushResult(null, (int)response.StatusCode, problem.Code, problem.Detail, problem.Errors);
        }

        throw problem.ToException((int)response.StatusCode, "push");
    }

    /// <inheritdoc />
    public async Task<PullResponse> PullAsync(long since, int limit, CancellationToken cancellationToken)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"sync/pull?since={since}&limit={limit}");
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Gone)
        {
            throw new ResyncRequiredException();
        }

        await EnsureOkAsync(response, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(stream, RealignJsonContext.Default.PullResponse, cancellationToken).ConfigureAwait(false)
                ?? throw new SyncTransportException("empty pull response");
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ConflictDto>> GetConflictsAsync(string status, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "sync/conflicts?status=" + Uri.EscapeDataString(status)), cancellationToken).ConfigureAwait(false);
        await EnsureOkAsync(response, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(text, RealignJsonContext.Default.ListConflictDto) ?? [];
    }

    /// <inheritdoc />
    public async Task<ServerChecksum?> GetChecksumAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "sync/checksum"), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureOkAsync(response, cancellationToken).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var root = doc.RootElement;
        return new ServerChecksum(root.GetProperty("checksum").GetString() ?? "", root.GetProperty("entities").GetInt64(), root.GetProperty("cursor").GetInt64());
    }

    /// <inheritdoc />
    public async Task<bool> WaitForChangeAsync(long since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var seconds = (int)Math.Clamp(Math.Ceiling(timeout.TotalSeconds), 1, MaxWaitSeconds);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"sync/wait?since={since}&timeout={seconds}")), cancellationToken)
            .ConfigureAwait(false);
        await EnsureOkAsync(response, cancellationToken).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return doc.RootElement.GetProperty("changed").GetBoolean();
    }

    /// <summary>The longest long poll this transport asks for, well inside its request timeout.</summary>
    private const int MaxWaitSeconds = 50;

    /// <inheritdoc />
    public async Task<ResolveResult> ResolveAsync(ResolveRequest request, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(request, RealignJsonContext.Default.ResolveRequest);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "sync/conflict-resolve") { Content = Json(body) }, cancellationToken).ConfigureAwait(false);
        await EnsureOkAsync(response, cancellationToken).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var root = doc.RootElement;
        return new ResolveResult(
            root.TryGetProperty("outcome", out var o) ? o.GetString() ?? "" : "",
            root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0,
            root.TryGetProperty("entity_type", out var t) ? t.GetString() ?? "" : "",
            root.TryGetProperty("entity_id", out var i) ? i.GetString() ?? "" : "");
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
                    return await _http.SendAsync(request, ct).ConfigureAwait(false);
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
