using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Realign.EndToEnd.Tests.Vault;

public sealed partial class CliAdminTokenTests
{
    [Fact]
    public async Task RotateAdmin_WhileTheServerRuns_OldAdminTokenRefusedNewOneWorks()
    {
        using var scratch = new TempDir();
        var data = scratch.Sub("data");
        using var serve = Process.Start(Cli.StartInfo("serve", "--data", data, "--urls", "http://127.0.0.1:0"))!;
        var drainErr = serve.StandardError.ReadToEndAsync();
        try
        {
            string? url = null;
            string? admin = null;
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                while ((url is null || admin is null) && await serve.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                {
                    url ??= ServerLine().Match(line) is { Success: true } m ? m.Groups[1].Value : null;
                    admin ??= AdminLine().Match(line) is { Success: true } a ? a.Groups[1].Value : null;
                }
            }

            Assert.NotNull(url);
            Assert.NotNull(admin);
            using var http = new HttpClient { BaseAddress = new Uri(url!) };
            Assert.Equal(HttpStatusCode.OK, await TenantsStatusAsync(http, admin!));

            var run = await Cli.RunAsync("admin", "token", "rotate-admin", "--data", data);
            Assert.True(run.ExitCode == 0, run.ToString());
            var fresh = Assert.Single(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), l => l.StartsWith("rlt_", StringComparison.Ordinal));

            Assert.Equal(HttpStatusCode.Unauthorized, await TenantsStatusAsync(http, admin!));
            Assert.Equal(HttpStatusCode.OK, await TenantsStatusAsync(http, fresh));
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
            await drainErr;
        }
    }

    private static async Task<HttpStatusCode> TenantsStatusAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/tenants");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [GeneratedRegex(@"^Realign server on (http://\S+)")]
    private static partial Regex ServerLine();

    [GeneratedRegex(@"^Admin token .*: (rlt_\S+)$")]
    private static partial Regex AdminLine();
}
