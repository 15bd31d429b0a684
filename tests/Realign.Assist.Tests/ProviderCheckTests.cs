using Realign.Assist.Providers;
using Realign.Core.Truth;

namespace Realign.Assist.Tests;

public sealed class ProviderCheckTests
{
    private static ProviderOptions Openai(string name, ProviderPlacement placement, string url, string model = "llama3.2:3b") =>
        new(name, ProviderKind.OpenAi, placement, new Uri(url), model);

    [Theory]
    [InlineData(ProviderPlacement.Local, "http://127.0.0.1:11434/v1", TruthLevel.AiLocal, "ai-local:llama3.2-3b")]
    [InlineData(ProviderPlacement.Local, "http://localhost:8080/v1", TruthLevel.AiLocal, "ai-local:llama3.2-3b")]
    [InlineData(ProviderPlacement.Local, "http://[::1]:8080/v1", TruthLevel.AiLocal, "ai-local:llama3.2-3b")]
    [InlineData(ProviderPlacement.Lan, "http://192.168.1.20:11434/v1", TruthLevel.AiLan, "ai-lan:llama3.2-3b")]
    [InlineData(ProviderPlacement.Lan, "http://10.0.0.5/v1", TruthLevel.AiLan, "ai-lan:llama3.2-3b")]
    [InlineData(ProviderPlacement.Lan, "http://172.20.1.1/v1", TruthLevel.AiLan, "ai-lan:llama3.2-3b")]
    [InlineData(ProviderPlacement.Lan, "http://[fd00::5]:8080/v1", TruthLevel.AiLan, "ai-lan:llama3.2-3b")]
    [InlineData(ProviderPlacement.Lan, "http://gpu-box:8080/v1", TruthLevel.AiLan, "ai-lan:llama3.2-3b")]
    [InlineData(ProviderPlacement.Lan, "http://gpu.local:8080/v1", TruthLevel.AiLan, "ai-lan:llama3.2-3b")]
    public void AProviderWhoseEndpointBearsOutItsPlacement_GetsThatLevelAndOrigin(ProviderPlacement placement, string url, TruthLevel level, string origin)
    {
        var identity = ProviderCheck.Validate(Openai("desk", placement, url));
        Assert.Equal(level, identity.Level);
        Assert.Equal(origin, identity.Origin.Value);
    }

    [Fact]
    public void ACloudProvider_IsLevel5_AndItsOriginNamesProviderAndModel()
    {
        var identity = ProviderCheck.Validate(Openai("openrouter", ProviderPlacement.Cloud, "https://openrouter.ai/api/v1", "gpt-4o-mini"));
        Assert.Equal(TruthLevel.AiCloud, identity.Level);
        Assert.Equal("ai-cloud:openrouter-gpt-4o-mini", identity.Origin.Value);
    }

    [Theory]
    [InlineData("http://192.168.1.20:11434/v1")]
    [InlineData("https://api.openai.com/v1")]
    [InlineData("http://127.0.0.1.nip.io/v1")]
    public void TyposCannotRaiseALevel_LocalOffLoopbackIsRefusedNamingTheProvider(string url)
    {
        var ex = Assert.Throws<ProviderConfigurationException>(() => ProviderCheck.Validate(Openai("desk", ProviderPlacement.Local, url)));
        Assert.StartsWith("provider 'desk': declared local", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("http://8.8.8.8/v1")]
    [InlineData("https://api.openai.com/v1")]
    [InlineData("http://172.32.0.1/v1")]
    [InlineData("http://[2001:db8::1]/v1")]
    public void TyposCannotRaiseALevel_LanOnAPublicAddressIsRefused(string url)
    {
        var ex = Assert.Throws<ProviderConfigurationException>(() => ProviderCheck.Validate(Openai("gpu", ProviderPlacement.Lan, url)));
        Assert.StartsWith("provider 'gpu': declared lan", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACloudProviderInClearOverTheNetwork_IsRefused()
    {
        var ex = Assert.Throws<ProviderConfigurationException>(() => ProviderCheck.Validate(Openai("together", ProviderPlacement.Cloud, "http://api.together.xyz/v1")));
        Assert.Contains("https", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeclaringLessAuthority_IsNoEscalation_ACloudProviderOnLoopbackIsLevel5()
    {
        var identity = ProviderCheck.Validate(Openai("proxy", ProviderPlacement.Cloud, "http://127.0.0.1:4000/v1", "claude"));
        Assert.Equal(TruthLevel.AiCloud, identity.Level);
    }

    [Fact]
    public void TheBuiltinAssistant_IsLocalWithNoEndpoint()
    {
        Assert.Equal(TruthLevel.AiLocal, ProviderCheck.Validate(new ProviderOptions("builtin", ProviderKind.Builtin, ProviderPlacement.Local, null, "realign-offline")).Level);
        Assert.Throws<ProviderConfigurationException>(() => ProviderCheck.Validate(new ProviderOptions("builtin", ProviderKind.Builtin, ProviderPlacement.Cloud, null, "x")));
    }

    [Theory]
    [InlineData("", "m")]
    [InlineData("has space", "m")]
    [InlineData("ok", "")]
    public void AProviderWithoutAUsableNameOrModel_IsRefused(string name, string model) =>
        Assert.Throws<ProviderConfigurationException>(() => ProviderCheck.Validate(Openai(name, ProviderPlacement.Local, "http://127.0.0.1/v1", model)));
}
