using System.Net;
using System.Net.Http.Headers;

namespace Realign.EndToEnd.Tests.Vault;

public sealed class CliAdminTokenTests
{
    [Fact]
    public async Task RotateAdmin_WhileTheServerRuns_OldAdminTokenRefusedNewOneWorks()
    {
        using var scratch = new TempDir();
        var data = scratch.Sub("data");
        await using var serve = await ServeProcess.StartAsync(data);
        using var http = new HttpClient { BaseAddress = new Uri(serve.Url) };
        Assert.Equal(HttpStatusCode.OK, await TenantsStatusAsync(http, serve.Admin));

        var run = await Cli.RunAsync("admin", "token", "rotate-admin", "--data", data);
        Assert.True(run.ExitCode == 0, run.ToString());
        var fresh = Assert.Single(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), l => l.StartsWith("rlt_", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Unauthorized, await TenantsStatusAsync(http, serve.Admin));
        Assert.Equal(HttpStatusCode.OK, await TenantsStatusAsync(http, fresh));
    }

    private static async Task<HttpStatusCode> TenantsStatusAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/tenants");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
