using System.Text.Json;
using CsCheck;
using Realign.Core.Contract;
using Realign.Core.Truth;

namespace Realign.Core.Tests;

public sealed class ExposureTests
{
    private static readonly Gen<Exposure> AnyExposure = Gen.Enum<Exposure>();

    private static readonly Gen<ExposurePolicy> Policies = Gen.Select(AnyExposure, AnyExposure, AnyExposure, (l, n, c) => new ExposurePolicy(l, n, c));

    private static readonly Gen<ExposureChange> Changes = Gen.Select(AnyExposure.Nullable(), AnyExposure.Nullable(), AnyExposure.Nullable(), (l, n, c) => new ExposureChange(l, n, c));

    [Theory]
    [InlineData(Exposure.Full, "full")]
    [InlineData(Exposure.Redacted, "redacted")]
    [InlineData(Exposure.Vectors, "vectors")]
    [InlineData(Exposure.None, "none")]
    public void Exposures_TravelByTheirWireNames(Exposure exposure, string wire)
    {
        Assert.Equal(wire, exposure.ToWire());
        Assert.Equal(exposure, Exposures.Parse(wire, "lan"));
    }

    [Theory]
    [InlineData("Full", "lan is 'Full', which is not an exposure; expected 'full', 'redacted', 'vectors' or 'none'")]
    [InlineData("open", "lan is 'open', which is not an exposure; expected 'full', 'redacted', 'vectors' or 'none'")]
    [InlineData("", "lan is '', which is not an exposure; expected 'full', 'redacted', 'vectors' or 'none'")]
    [InlineData(" none", "lan is ' none', which is not an exposure; expected 'full', 'redacted', 'vectors' or 'none'")]
    [InlineData(null, "lan names no exposure; expected 'full', 'redacted', 'vectors' or 'none'")]
    public void AnUnknownExposure_IsAnErrorNamingTheFieldTheValueAndTheNamesAllowed(string? wire, string message)
    {
        var ex = Assert.Throws<FormatException>(() => Exposures.Parse(wire, "lan"));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void AnUnknownExposure_InvisibleCharactersShownAndLongValuesShortened()
    {
        var ex = Assert.Throws<FormatException>(() => Exposures.Parse("full\u200b" + new string('x', 100), "cloud"));
        Assert.Equal($"cloud is 'full\\u200b{new string('x', 35)}...', which is not an exposure; expected 'full', 'redacted', 'vectors' or 'none'", ex.Message);
    }

    [Theory]
    [InlineData(VaultMode.LocalFirst, Exposure.Full, Exposure.Full, Exposure.None)]
    [InlineData(VaultMode.CloudFirst, Exposure.Full, Exposure.Full, Exposure.Redacted)]
    public void Default_PerVaultMode_LocalAndLanFullCloudRedactedOrNoneForLocalFirst(VaultMode mode, Exposure local, Exposure lan, Exposure cloud) =>
        Assert.Equal(new ExposurePolicy(local, lan, cloud), ExposurePolicies.Default(mode));

    [Fact]
    public void For_EachAiLevel_ReadsItsOwnPlacement()
    {
        var policy = new ExposurePolicy(Exposure.Full, Exposure.Redacted, Exposure.None);
        Assert.Equal(Exposure.Full, policy.For(TruthLevel.AiLocal));
        Assert.Equal(Exposure.Redacted, policy.For(TruthLevel.AiLan));
        Assert.Equal(Exposure.None, policy.For(TruthLevel.AiCloud));
    }

    [Theory]
    [InlineData(TruthLevel.User)]
    [InlineData(TruthLevel.Automation)]
    public void For_ALevelThatIsNoModel_Throws(TruthLevel level) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ExposurePolicies.Default(VaultMode.CloudFirst).For(level));

    [Fact]
    public void With_AnyChange_NamedLevelsTakeItOthersKeepTheirsAndDifferencesNameExactlyTheChangedOnes()
    {
        Gen.Select(Policies, Changes).Sample(sample =>
        {
            var (policy, change) = sample;
            var updated = policy.With(change);
            Assert.Equal(change.Local ?? policy.Local, updated.Local);
            Assert.Equal(change.Lan ?? policy.Lan, updated.Lan);
            Assert.Equal(change.Cloud ?? policy.Cloud, updated.Cloud);
            var differences = policy.Differences(updated);
            Assert.Equal(updated == policy, differences.Count == 0);
            Assert.All(differences, name => Assert.NotEqual(policy.For(Level(name)), updated.For(Level(name))));
        });
    }

    [Fact]
    public void TryReadChange_PartialBody_OnlyTheNamedLevels()
    {
        Assert.True(ExposurePolicies.TryReadChange(new ExposurePolicyDto(null, "redacted", null), out var change, out var errors));
        Assert.Empty(errors);
        Assert.Equal(new ExposureChange(null, Exposure.Redacted, null), change);
    }

    [Fact]
    public void TryReadChange_TwoWrongLevels_EachNamedWithTheNamesAllowed()
    {
        Assert.False(ExposurePolicies.TryReadChange(new ExposurePolicyDto("all", "full", "vector"), out _, out var errors));
        Assert.Equal(["local", "cloud"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.EndsWith("expected 'full', 'redacted', 'vectors' or 'none'", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null, null, null, "$")]
    [InlineData("full", null, null, "2026-01-01T00:00:00.000000Z", "updated_at")]
    public void TryReadChange_EmptyOrWithTheServersTime_Refused(string? local, string? lan, string? cloud, string? updatedAt, string field)
    {
        Assert.False(ExposurePolicies.TryReadChange(new ExposurePolicyDto(local, lan, cloud, updatedAt), out _, out var errors));
        Assert.Equal(field, Assert.Single(errors).Field);
    }

    [Fact]
    public void Dto_SnakeCaseNamesAndUpdatedAtWrittenEvenWhenNull()
    {
        var json = JsonSerializer.Serialize(ExposurePolicies.Default(VaultMode.LocalFirst).ToDto(null), RealignJsonContext.Default.ExposurePolicyDto);
        Assert.Equal("""{"local":"full","lan":"full","cloud":"none","updated_at":null}""", json);
        var set = JsonSerializer.Serialize(ExposurePolicies.Default(VaultMode.CloudFirst).ToDto(1_700_000_000_000_000), RealignJsonContext.Default.ExposurePolicyDto);
        Assert.Equal("""{"local":"full","lan":"full","cloud":"redacted","updated_at":"2023-11-14T22:13:20.000000Z"}""", set);
    }

    [Fact]
    public void Dto_UnknownMember_IsAnErrorNamingIt()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"lan":"full","vectors":"none"}""", RealignJsonContext.Default.ExposurePolicyDto));
        Assert.Contains("vectors", ex.Message, StringComparison.Ordinal);
    }

    private static TruthLevel Level(string name) => name switch
    {
        ExposurePolicies.LocalName => TruthLevel.AiLocal,
        ExposurePolicies.LanName => TruthLevel.AiLan,
        _ => TruthLevel.AiCloud,
    };
}
