using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Core.Truth;

namespace Realign.Core.Tests;

public sealed class ChannelPolicyTests
{
    private static readonly long Now = W.T(100);

    private static SyncItem Item(int level, string origin, bool accepted = false) => new()
    {
        EntityType = "note",
        EntityId = "n1",
        TruthLevel = level,
        OriginSource = origin,
        LastModifiedAt = UtcMicros.Format(W.T(50)),
        Payload = JsonDocument.Parse("""{"title":"x"}""").RootElement.Clone(),
        AcceptedByUser = accepted,
    };

    private static IReadOnlyList<string> Codes(SyncItem item, PrincipalScope scope) =>
        [.. ItemAdmission.Admit(item, 0, scope, SchemaPolicy.Default, Now).Refusals.Select(r => r.Code)];

    [Fact]
    public void Voice_Default_LevelTwoAsItIs_LevelOneAndAcceptOnlyConfirmed()
    {
        var voice = PrincipalScope.For("t1", "v", PrincipalKind.UserDevice, "voice", canAccept: true);

        Assert.Empty(Codes(Item(2, "automation:voice"), voice));
        Assert.Equal([RefusalCodes.ConfirmationRequired], Codes(Item(1, "user:voice"), voice));
        Assert.Equal([RefusalCodes.ConfirmationRequired], Codes(Item(5, "ai-cloud:llm", accepted: true), voice));
        Assert.Equal([RefusalCodes.ForbiddenOrigin], Codes(Item(2, "automation:rule-1"), voice));
        Assert.Empty(Codes(Item(1, "user:voice"), voice.Confirmed()));
        Assert.Empty(Codes(Item(5, "ai-cloud:llm", accepted: true), voice.Confirmed()));
        Assert.Equal([RefusalCodes.ForbiddenOrigin], Codes(Item(1, "user:desktop"), voice.Confirmed()));
    }

    [Fact]
    public void Iot_Default_OwnOriginAtLevelTwo_LevelOneConfirmed_NeverAccepts()
    {
        var iot = PrincipalScope.For("t1", "i", PrincipalKind.Automation, "iot-kitchen");

        Assert.Empty(Codes(Item(2, "automation:iot-kitchen"), iot));
        Assert.Equal([RefusalCodes.ForbiddenOrigin], Codes(Item(2, "automation:iot-hall"), iot));
        Assert.Equal([RefusalCodes.ConfirmationRequired], Codes(Item(1, "user:iot-kitchen"), iot));
        Assert.Equal([RefusalCodes.ForgedAcceptance], Codes(Item(5, "ai-cloud:llm", accepted: true), iot.Confirmed()));
        Assert.Throws<ArgumentException>(() => PrincipalScope.For("t1", "i", PrincipalKind.Automation, "iot-kitchen", canAccept: true));
        Assert.Throws<ArgumentException>(() => PrincipalScope.For("t1", "i", PrincipalKind.Automation, "iot-Kitchen"));
        Assert.Throws<ArgumentException>(() => PrincipalScope.For("t1", "i", PrincipalKind.Automation, "garage"));
    }

    [Fact]
    public void Policy_NarrowsATrustedChannel_AndDenyTakesTheTokensAcceptRightAway()
    {
        var policy = ChannelPolicy.Default.With(new Dictionary<string, ChannelRule>
        {
            ["mobile"] = new([TruthLevel.Automation], [TruthLevel.User], AcceptMode.Deny),
        });
        var mobile = PrincipalScope.For("t1", "m", PrincipalKind.UserDevice, "mobile", canAccept: true, channels: policy);

        Assert.False(mobile.CanAccept);
        Assert.Equal([RefusalCodes.ConfirmationRequired], Codes(Item(1, "user:mobile"), mobile));
        Assert.Equal([RefusalCodes.ForbiddenLevel], Codes(Item(3, "ai-local:x"), mobile));
        Assert.Equal([RefusalCodes.ForgedAcceptance], Codes(Item(5, "ai-cloud:llm", accepted: true), mobile.Confirmed()));
        var desktop = PrincipalScope.For("t1", "d", PrincipalKind.UserDevice, "desktop", canAccept: true, channels: policy);
        Assert.Empty(Codes(Item(1, "user:desktop"), desktop));
    }

    [Theory]
    [InlineData("""{"channels":{"voice":{"levels":[1,2],"confirm_levels":[]}}}""", true, null)]
    [InlineData("""{"channels":{"voice":{"levels":[0]}}}""", false, "channels.voice.levels")]
    [InlineData("""{"channels":{"voice":{"levels":[2,2]}}}""", false, "channels.voice")]
    [InlineData("""{"channels":{"voice":{"confirm_levels":[2]}}}""", false, "channels.voice")]
    [InlineData("""{"channels":{"tv":{"levels":[2]}}}""", false, "channels.tv")]
    [InlineData("""{"channels":{"iot":{"accept":"confirm"}}}""", false, "channels.iot")]
    [InlineData("""{"channels":{"web":{"accept":"maybe"}}}""", false, "channels.web.accept")]
    [InlineData("""{"channels":{"web":{}},"updated_at":"2026-01-01T00:00:00Z"}""", false, "updated_at")]
    public void TryApply_ValidChangeApplied_EachWrongFieldNamedAndNothingChanged(string body, bool ok, string? field)
    {
        var dto = JsonSerializer.Deserialize(body, RealignJsonContext.Default.ChannelPolicyDto)!;

        var applied = ChannelPolicies.TryApply(ChannelPolicy.Default, dto, out var updated, out var errors);

        Assert.Equal(ok, applied);
        if (ok)
        {
            Assert.Equal([TruthLevel.User, TruthLevel.Automation], updated["voice"].Levels);
            Assert.Equal(AcceptMode.Confirm, updated["voice"].Accept);
            Assert.Equal(["voice"], updated.ChangedFrom(ChannelPolicy.Default));
        }
        else
        {
            Assert.Same(ChannelPolicy.Default, updated);
            Assert.Contains(errors, e => e.Field == field);
        }
    }

    [Fact]
    public void Dto_RoundTrip_SamePolicy()
    {
        var policy = ChannelPolicy.Default.With(new Dictionary<string, ChannelRule> { ["cli"] = new([TruthLevel.AiLocal], [TruthLevel.User, TruthLevel.Automation], AcceptMode.Confirm) });
        var dto = policy.ToDto(null);

        Assert.True(ChannelPolicies.TryApply(ChannelPolicy.Default, dto, out var back, out _));
        Assert.Empty(back.ChangedFrom(policy));
        Assert.Equal("[1,2]", JsonSerializer.Serialize(dto.Channels!["cli"].ConfirmLevels));
    }
}
