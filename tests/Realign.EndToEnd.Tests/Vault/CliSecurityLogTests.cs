using System.Net;

namespace Realign.EndToEnd.Tests.Vault;

public sealed class CliSecurityLogTests
{
    [Fact]
    public async Task RefusedCredentials_EachLoggedWithPathAndReason_TokenNeverPrinted()
    {
        using var scratch = new TempDir();
        await using var serve = await ServeProcess.StartAsync(scratch.Sub("data"));
        const string forged = "rlt_forged0123456789forged0123456789abcd";

        Assert.Equal(HttpStatusCode.Unauthorized, await serve.StatusAsync("sync/pull?since=0", forged));
        Assert.Equal(HttpStatusCode.Unauthorized, await serve.StatusAsync("sync/conflicts", null));
        Assert.Equal(HttpStatusCode.Unauthorized, await serve.StatusAsync("admin/tenants", serve.Owner));
        Assert.Equal(HttpStatusCode.OK, await serve.StatusAsync("sync/pull?since=0", serve.Owner));

        var lines = await serve.ReadOutputUntilAsync(read => read.Count(l => l.Contains("Refused GET", StringComparison.Ordinal)) >= 3, TimeSpan.FromSeconds(30));
        var refused = lines.Where(l => l.Contains("Refused GET", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, refused.Count);
        Assert.Contains(refused, l => l.Contains("/sync/pull from 127.0.0.1: not a live token of this server", StringComparison.Ordinal));
        Assert.Contains(refused, l => l.Contains("/sync/conflicts from 127.0.0.1: no bearer token", StringComparison.Ordinal));
        Assert.Contains(refused, l => l.Contains("/admin/tenants from 127.0.0.1: not the admin token", StringComparison.Ordinal));
        // The tokens a client sent are never printed (the owner token appears only in the first start's own hint line).
        Assert.DoesNotContain(lines, l => l.Contains(forged, StringComparison.Ordinal));
        Assert.DoesNotContain(refused, l => l.Contains(serve.Owner, StringComparison.Ordinal));
    }
}
