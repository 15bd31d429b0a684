using System.Net.Http.Headers;
using System.Text;

namespace Realign.Testing;

/// <summary>An HTTP client of the sync API: bearer token, raw body bytes, the reply read whole.</summary>
public sealed class Api(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 64 })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public Uri BaseAddress => _http.BaseAddress!;

    public async Task<Reply> SendAsync(HttpMethod method, string path, string? token, byte[]? body = null, string? rawAuthorization = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (rawAuthorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", rawAuthorization);
        }
        else if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return new Reply((int)response.StatusCode, text, response.Headers.RetryAfter?.Delta, response.Content.Headers.ContentType?.MediaType);
    }

    public Task<Reply> SendAsync(HttpMethod method, string path, string? token, string body) =>
        SendAsync(method, path, token, Encoding.UTF8.GetBytes(body));

    public Task<Reply> GetAsync(string path, string? token) => SendAsync(HttpMethod.Get, path, token);

    public Task<Reply> PushAsync(string token, string body) => SendAsync(HttpMethod.Post, "/sync/push", token, body);

    public void Dispose() => _http.Dispose();
}
