using System.Net;
using System.Text.Json;

namespace Realign.EndToEnd.Tests.Vault;

/// <summary>The server's settings as an operator gives them: a JSON file, <c>REALIGN_...</c> variables over it, options over
/// both; a wrong value stops <c>serve</c> with one line and exit code 2 before anything is created.</summary>
public sealed class ConfigurationCliTests
{
    [Fact]
    public async Task Serve_ReadsTheFile_WithTheEnvironmentOverIt()
    {
        using var scratch = new TempDir("realign-config-cli-");
        var data = scratch.Sub("data");
        var file = scratch.Sub("server.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { Realign = new { Urls = "http://127.0.0.1:0", Data = data, RateLimit = 100 } }));

        // The file's limit of 100 would let all five requests through; the variable's limit of 3 answers the fourth with 429.
        await using var server = await ServeProcess.StartAsync(["--config", file], new Dictionary<string, string?> { ["REALIGN_RATE_LIMIT"] = "3" });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add(await server.StatusAsync("/sync/pull?since=0", server.Owner));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(File.Exists(Path.Combine(data, "realign.db")), "the store is in the file's Data folder");
    }

    [Theory]
    [InlineData("REALIGN_RATE_LIMIT", "lots", "error: RateLimit (from REALIGN_RATE_LIMIT): 'lots' is not a whole number")]
    [InlineData("REALIGN_URLS", "http://0.0.0.0:5080", "error: Urls (from REALIGN_URLS): plain HTTP on 0.0.0.0 would expose tokens on the network")]
    [InlineData("REALIGN_LOG_LEVEL", "Chatty", "error: LogLevel (from REALIGN_LOG_LEVEL): 'Chatty' is not one of Trace, Debug, Information")]
    public async Task AWrongVariable_StopsServe_WithOneLine_AndCreatesNothing(string variable, string value, string message)
    {
        using var scratch = new TempDir("realign-config-cli-");
        var data = scratch.Sub("data");

        var run = await Cli.RunWithAsync(null, new Dictionary<string, string?> { [variable] = value }, "serve", "--data", data);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(message, run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(data), "nothing was created");
    }

    [Fact]
    public async Task AdminCommands_DoNotCheckListenSettings_TheyCannotMend()
    {
        using var scratch = new TempDir("realign-config-cli-");

        // serve would need --certificate for this URL; an admin command has no such option and does not listen.
        var run = await Cli.RunWithAsync(null, new Dictionary<string, string?> { ["REALIGN_URLS"] = "https://0.0.0.0:5443" }, "admin", "tenant", "list", "--data", scratch.Sub("data"), "--json");
        var serve = await Cli.RunWithAsync(null, new Dictionary<string, string?> { ["REALIGN_URLS"] = "https://0.0.0.0:5443" }, "serve", "--data", scratch.Sub("other"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, serve.ExitCode);
        Assert.Contains("give the certificate", serve.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APortInUse_StopsServe_WithOneLine_NotAStackTrace()
    {
        using var scratch = new TempDir("realign-config-cli-");
        var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

            var run = await Cli.RunAsync("serve", "--data", scratch.Sub("data"), "--urls", $"http://127.0.0.1:{port}", "--no-automations");

            Assert.NotEqual(0, run.ExitCode);
            Assert.Equal($"error: Failed to bind to address http://127.0.0.1:{port}: address already in use.", run.Stderr.TrimEnd());
            Assert.DoesNotContain("   at ", run.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("Hosting failed", run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public async Task AMisspelledKeyInTheFile_StopsServe_NamingTheNearestSetting()
    {
        using var scratch = new TempDir("realign-config-cli-");
        var file = scratch.Sub("server.json");
        await File.WriteAllTextAsync(file, """{ "Realign": { "Url": "http://127.0.0.1:0" } }""");

        var run = await Cli.RunAsync("serve", "--config", file, "--data", scratch.Sub("data"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: Url (from {Path.GetFullPath(file)}): there is no such setting; did you mean Urls? (docs/configuration.md lists them)", run.Stderr.TrimEnd());
    }

    [Fact]
    public async Task AdminConfig_ShowsEachValue_WhereItCameFrom_AndNoSecret()
    {
        using var scratch = new TempDir("realign-config-cli-");
        var file = scratch.Sub("server.json");
        await File.WriteAllTextAsync(file, """{ "Realign": { "MaxPullLimit": 2000, "Postgres": "Host=db;Password=hunter2" } }""");

        var run = await Cli.RunWithAsync(null, new Dictionary<string, string?> { ["REALIGN_MAX_ITEMS_PER_BATCH"] = "200" }, "admin", "config", "--config", file, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("hunter2", run.Stdout, StringComparison.Ordinal);
        var values = JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("key").GetString()!);
        Assert.Equal("2000", values["MaxPullLimit"].GetProperty("value").GetString());
        Assert.Equal(Path.GetFullPath(file), values["MaxPullLimit"].GetProperty("origin").GetString());
        Assert.Equal("200", values["MaxItemsPerBatch"].GetProperty("value").GetString());
        Assert.Equal("REALIGN_MAX_ITEMS_PER_BATCH", values["MaxItemsPerBatch"].GetProperty("origin").GetString());
        Assert.Equal("***", values["Postgres"].GetProperty("value").GetString());
        Assert.Equal("default", values["RateLimit"].GetProperty("origin").GetString());
    }
}
