using System.Collections;
using Microsoft.Extensions.Logging;
using Realign.Server.Configuration;

namespace Realign.Server.Tests;

/// <summary>The server's settings: <c>appsettings.json</c>, then <c>REALIGN_...</c> variables, then options, each over the
/// one before; every invalid value named in one line with where it came from; and the documented table matching the code.</summary>
public sealed class ConfigurationTests
{
    private static readonly (string, string, string)[] NoOptions = [];

    [Fact]
    public void EachSource_GoesOverTheOneBefore_AndEachValueSaysWhereItCameFrom()
    {
        using var dir = new TempDir("realign-config-");
        var file = Write(dir, """{ "Realign": { "RateLimit": 50, "MaxPullLimit": 2000, "Urls": "http://127.0.0.1:6000", "TrustedProxies": ["10.0.0.1", "10.0.0.2"] } }""");
        var environment = new Hashtable { ["REALIGN_RATE_LIMIT"] = "60", ["REALIGN_LOG_LEVEL"] = "Warning", ["REALIGN_TEST_PG"] = "not a setting", ["PATH"] = "/bin" };
        var configuration = ServerConfiguration.Build(file, [("Urls", "--urls", "http://127.0.0.1:0")], environment);

        var settings = ServerConfiguration.Load(configuration);

        Assert.Equal(60, settings.RateLimit);
        Assert.Equal(2000, settings.MaxPullLimit);
        Assert.Equal("http://127.0.0.1:0", settings.Urls);
        Assert.Equal(LogLevel.Warning, settings.LogLevel);
        Assert.Equal(["10.0.0.1", "10.0.0.2"], settings.TrustedProxies);
        Assert.Equal(500, settings.DefaultPullLimit);

        var described = ServerConfiguration.Describe(configuration, settings).ToDictionary(v => v.Key);
        Assert.Equal("REALIGN_RATE_LIMIT", described["RateLimit"].Origin);
        Assert.Equal(Path.GetFullPath(file), described["MaxPullLimit"].Origin);
        Assert.Equal("--urls", described["Urls"].Origin);
        Assert.Equal("default", described["DefaultPullLimit"].Origin);
        Assert.Equal("10.0.0.1, 10.0.0.2", described["TrustedProxies"].Value);

        var options = ServerConfiguration.ToOptions(settings);
        Assert.Equal(60, options.RateLimitPermits);
        Assert.Equal(2000, options.MaxPullLimit);
        Assert.Equal(2, options.TrustedProxies.Count);
        Assert.Equal(Path.Combine("realign-data", "realign.db"), options.SqlitePath);
    }

    [Fact]
    public void EnvironmentLists_AreCommaSeparated_AndAZeroRateLimitTurnsItOff()
    {
        var configuration = ServerConfiguration.Build(null, NoOptions, new Hashtable { ["REALIGN_TRUSTED_PROXIES"] = "10.0.0.1, 10.0.0.9", ["REALIGN_RATE_LIMIT"] = "0", ["REALIGN_URLS"] = "http://10.0.0.5:5080" });

        var options = ServerConfiguration.ToOptions(ServerConfiguration.Load(configuration));

        Assert.Equal(["10.0.0.1", "10.0.0.9"], options.TrustedProxies.Select(p => p.ToString()));
        Assert.Equal(int.MaxValue, options.RateLimitPermits);
    }

    [Fact]
    public void Secrets_AreNeverShown()
    {
        var configuration = ServerConfiguration.Build(null, NoOptions, new Hashtable { ["REALIGN_POSTGRES"] = "Host=db;Password=hunter2", ["REALIGN_CERTIFICATE_PASSWORD"] = "pfx-secret" });

        var described = ServerConfiguration.Describe(configuration, ServerConfiguration.Load(configuration));

        Assert.Equal("***", described.Single(v => v.Key == "Postgres").Value);
        Assert.Equal("***", described.Single(v => v.Key == "CertificatePassword").Value);
        Assert.DoesNotContain(described, v => v.Value?.Contains("hunter2", StringComparison.Ordinal) == true || v.Value?.Contains("pfx-secret", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("REALIGN_RATE_LIMIT", "abc", "RateLimit (from REALIGN_RATE_LIMIT): 'abc' is not a whole number")]
    [InlineData("REALIGN_RATE_LIMIT", "-1", "RateLimit (from REALIGN_RATE_LIMIT): -1 is out of range")]
    [InlineData("REALIGN_AUTOMATIONS", "yes", "Automations (from REALIGN_AUTOMATIONS): 'yes' is not true or false")]
    [InlineData("REALIGN_AUTOMATION_POLL_INTERVAL", "10s", "AutomationPollInterval (from REALIGN_AUTOMATION_POLL_INTERVAL): '10s' is not a time span")]
    [InlineData("REALIGN_AUTOMATION_LEASE", "00:00:05", "AutomationLease (from REALIGN_AUTOMATION_LEASE): 00:00:05 must be at least twice AutomationPollInterval")]
    [InlineData("REALIGN_LOG_LEVEL", "Loud", "LogLevel (from REALIGN_LOG_LEVEL): 'Loud' is not one of Trace, Debug")]
    [InlineData("REALIGN_LOG_LEVEL", "4", "LogLevel (from REALIGN_LOG_LEVEL): '4' is not one of")]
    [InlineData("REALIGN_MAX_ITEMS_PER_BATCH", "0", "MaxItemsPerBatch (from REALIGN_MAX_ITEMS_PER_BATCH): 0 is out of range: from 1 to 100000")]
    [InlineData("REALIGN_DEFAULT_PULL_LIMIT", "9000", "DefaultPullLimit (from REALIGN_DEFAULT_PULL_LIMIT): 9000 is more than MaxPullLimit (5000)")]
    [InlineData("REALIGN_URLS", "http://0.0.0.0:5080", "Urls (from REALIGN_URLS): plain HTTP on 0.0.0.0 would expose tokens")]
    [InlineData("REALIGN_URLS", "https://127.0.0.1:5443", "Urls (from REALIGN_URLS): 'https://127.0.0.1:5443' is https: give the certificate")]
    [InlineData("REALIGN_TRUSTED_PROXIES", "10.0.0.1,proxy.lan", "TrustedProxies (from REALIGN_TRUSTED_PROXIES): 'proxy.lan' is not an IP address")]
    [InlineData("REALIGN_CERTIFICATE_KEY", "key.pem", "CertificateKey (from REALIGN_CERTIFICATE_KEY): a certificate key needs its Certificate")]
    public void AnInvalidValue_IsNamedInOneLine_WithWhereItCameFrom(string variable, string value, string message)
    {
        var configuration = ServerConfiguration.Build(null, NoOptions, new Hashtable { [variable] = value });

        var ex = Assert.Throws<InvalidSettingException>(() => ServerConfiguration.Load(configuration));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(variable, ex.Origin);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void AnInvalidValueInTheFile_NamesTheFile_AndAnOptionNamesTheOption()
    {
        using var dir = new TempDir("realign-config-");
        var file = Write(dir, """{ "Realign": { "MaxPayloadBytes": "lots" } }""");

        var fromFile = Assert.Throws<InvalidSettingException>(() => ServerConfiguration.Load(ServerConfiguration.Build(file, NoOptions, new Hashtable())));
        var fromOption = Assert.Throws<InvalidSettingException>(() => ServerConfiguration.Load(ServerConfiguration.Build(null, [("RateLimit", "--rate-limit", "many")], new Hashtable())));

        Assert.Equal($"MaxPayloadBytes (from {Path.GetFullPath(file)}): 'lots' is not a whole number", fromFile.Message);
        Assert.Equal("RateLimit (from --rate-limit): 'many' is not a whole number", fromOption.Message);
    }

    [Fact]
    public void AMisspelledSettingInTheFile_IsRefused_WithTheNearestName()
    {
        using var dir = new TempDir("realign-config-");
        var file = Write(dir, """{ "Logging": { "LogLevel": { "Default": "Information" } }, "Realign": { "RateLimt": 5 } }""");

        var ex = Assert.Throws<InvalidSettingException>(() => ServerConfiguration.Load(ServerConfiguration.Build(file, NoOptions, new Hashtable())));

        Assert.Equal($"RateLimt (from {Path.GetFullPath(file)}): there is no such setting; did you mean RateLimit? (docs/configuration.md lists them)", ex.Message);
    }

    [Fact]
    public void AFileThatIsNotJson_OrIsMissing_IsOneLineNamingIt()
    {
        using var dir = new TempDir("realign-config-");
        var broken = Write(dir, """{ "Realign": { "RateLimit": 5 """);

        var notJson = Assert.Throws<InvalidSettingException>(() => ServerConfiguration.Build(broken, NoOptions, new Hashtable()));
        var missing = Assert.Throws<InvalidSettingException>(() => ServerConfiguration.Build(dir.Sub("none.json"), NoOptions, new Hashtable()));

        Assert.StartsWith($"cannot read the configuration file '{Path.GetFullPath(broken)}': ", notJson.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', notJson.Message);
        Assert.Contains("none.json' does not exist", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DataAndPostgres_FromAnySources_AreRefusedTogether()
    {
        var configuration = ServerConfiguration.Build(null, [("Data", "--data", "elsewhere")], new Hashtable { ["REALIGN_POSTGRES"] = "Host=db" });

        var ex = Assert.Throws<InvalidSettingException>(() => ServerConfiguration.Load(configuration));

        Assert.Equal("Data (from --data): give Data or Postgres, not both (Postgres is set by REALIGN_POSTGRES)", ex.Message);
    }

    [Fact]
    public void TheDocumentedTable_HasEverySetting_WithItsVariableAndDefault()
    {
        var doc = File.ReadAllText(Repository.File("docs/configuration.md"));
        var rows = doc.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();

        foreach (var key in ServerConfiguration.Keys)
        {
            var row = rows.SingleOrDefault(r => r.StartsWith($"| `{key}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"docs/configuration.md has no row for {key}");
            Assert.Contains($"`{ServerConfiguration.EnvironmentName(key)}`", row, StringComparison.Ordinal);
            var fallback = ServerConfiguration.DefaultOf(key);
            Assert.Contains(fallback.Length == 0 ? "| none |" : $"| `{fallback}` |", row, StringComparison.Ordinal);
        }

        Assert.Equal(ServerConfiguration.Keys.Count, rows.Count(r => ServerConfiguration.Keys.Any(k => r.StartsWith($"| `{k}` |", StringComparison.Ordinal))));
    }

    [Fact]
    public void EnvironmentNames_AreTheKeysInCapitalsWithUnderscores()
    {
        Assert.Equal("REALIGN_RATE_LIMIT", ServerConfiguration.EnvironmentName("RateLimit"));
        Assert.Equal("REALIGN_MAX_REQUEST_BODY_BYTES", ServerConfiguration.EnvironmentName("MaxRequestBodyBytes"));
        Assert.Equal("REALIGN_URLS", ServerConfiguration.EnvironmentName("Urls"));
    }

    private static string Write(TempDir dir, string json)
    {
        var file = dir.Sub("appsettings.json");
        File.WriteAllText(file, json);
        return file;
    }
}
