using System.Net.Http.Headers;
using System.Text.Json;

namespace Realign.Benchmarks;

/// <summary>The admin API calls the benches make on a child server: a tenant, then a user-device token of it.</summary>
internal static class AdminCalls
{
    /// <summary>An HTTP client on <paramref name="baseAddress"/> with the admin token.</summary>
    public static HttpClient Client(Uri baseAddress, string adminToken)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        return http;
    }

    /// <summary>Creates a tenant (<c>local_first</c> or <c>cloud_first</c>); returns its id.</summary>
    public static async Task<string> CreateTenantAsync(HttpClient admin, string name, string mode, CancellationToken cancellationToken)
    {
        using var response = await admin.PostAsync(new Uri("admin/tenants", UriKind.Relative), Json($$"""{"name":"{{name}}","vault_mode":"{{mode}}"}"""), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
        return body.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Creates a <c>user:desktop</c> token with the accept right for the tenant named <paramref name="tenant"/>.</summary>
    public static async Task<(string Token, string TenantId)> CreateTokenAsync(HttpClient admin, string tenant, CancellationToken cancellationToken)
    {
        using var response = await admin.PostAsync(new Uri("admin/tokens", UriKind.Relative), Json($$"""{"tenant":"{{tenant}}","as":"user:desktop","can_accept":true}"""), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
        return (body.RootElement.GetProperty("token").GetString()!, body.RootElement.GetProperty("tenant_id").GetString()!);
    }

    private static StringContent Json(string text) => new(text, System.Text.Encoding.UTF8, "application/json");
}
