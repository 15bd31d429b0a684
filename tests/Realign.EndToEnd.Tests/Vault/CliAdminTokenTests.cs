using System.Net;

namespace Realign.EndToEnd.Tests.Vault;

public sealed class CliAdminTokenTests
{
    [Fact]
    public async Task RotateAdmin_WhileTheServerRuns_OldAdminTokenRefusedNewOneWorks()
    {
        using var scratch = new TempDir();
        var data = scratch.Sub("data");
        await using var serve = await ServeProcess.StartAsync(data);
        Assert.Equal(HttpStatusCode.OK, await serve.StatusAsync("admin/tenants", serve.Admin));

        var run = await Cli.RunAsync("admin", "token", "rotate-admin", "--data", data);
        Assert.True(run.ExitCode == 0, run.ToString());
        var fresh = Assert.Single(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), l => l.StartsWith("rlt_", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Unauthorized, await serve.StatusAsync("admin/tenants", serve.Admin));
        Assert.Equal(HttpStatusCode.OK, await serve.StatusAsync("admin/tenants", fresh));
    }
}
