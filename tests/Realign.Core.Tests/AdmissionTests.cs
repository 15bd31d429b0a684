using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Core.Truth;

namespace Realign.Core.Tests;

public sealed class AdmissionTests
{
    private static readonly long Now = W.T(100);
    private static readonly PrincipalScope Desktop = PrincipalScope.For("t1", "p-desk", PrincipalKind.UserDevice, "desktop", canAccept: true);
    private static readonly PrincipalScope DesktopNoAccept = PrincipalScope.For("t1", "p-desk2", PrincipalKind.UserDevice, "desktop");
    private static readonly PrincipalScope Cloud = PrincipalScope.For("t1", "p-cloud", PrincipalKind.AiCloud);

    private static SyncItem Item(int level = 1, string origin = "user:desktop", string payload = """{"title":"x"}""") => new()
    {
        EntityType = "note",
        EntityId = "n1",
        TruthLevel = level,
        OriginSource = origin,
        LastModifiedAt = UtcMicros.Format(W.T(50)),
        Payload = JsonDocument.Parse(payload).RootElement.Clone(),
    };

    private static Admission Admit(SyncItem item, PrincipalScope scope) => ItemAdmission.Admit(item, 3, scope, SchemaPolicy.Default, Now);

    private static Refusal Refused(SyncItem item, PrincipalScope scope)
    {
        var admission = Admit(item, scope);
        Assert.False(admission.Admitted);
        var refusal = Assert.Single(admission.Refusals);
        Assert.Equal(3, refusal.Index);
        return refusal;
    }

    [Fact]
    public void UserItem_InScope_IsAdmittedWithItsStamp()
    {
        var admission = Admit(Item(), Desktop);
        Assert.True(admission.Admitted);
        Assert.Equal(new Stamp(TruthLevel.User, W.T(50), "user:desktop"), admission.Write!.Stamp);
        Assert.Equal(new EntityKey("t1", "note", "n1"), admission.Write.Key);
        Assert.Equal("\"x\"", Assert.Single(admission.Write.Fields).Value);
    }

    [Fact]
    public void UpgradeAtSyncTime_AcceptedLowerItem_IsStampedLevelOneOnTheUsersChannel()
    {
        var item = Item(5, "ai-cloud:llm");
        item.AcceptedByUser = true;
        var write = Admit(item, Desktop).Write!;

        Assert.Equal(TruthLevel.User, write.Stamp.Level);
        Assert.Equal("user:desktop", write.Stamp.Origin);
        Assert.Equal("ai-cloud:llm", write.AcceptedFrom);
    }

    [Fact]
    public void UpgradeAtSyncTime_LevelOneItemNamingLowerOriginInChain_IsAccepted()
    {
        var item = Item();
        item.AcceptedByUser = true;
        item.OriginChain = [new ProvenanceDto { Level = 3, Source = "ai-local:extractive-v1", At = UtcMicros.Format(W.T(40)) }];
        var write = Admit(item, Desktop).Write!;

        Assert.Equal(TruthLevel.User, write.Stamp.Level);
        Assert.Equal("ai-local:extractive-v1", write.AcceptedFrom);
    }

    [Fact]
    public void Acceptance_WithoutAcceptRight_IsForged()
    {
        var item = Item(5, "ai-cloud:llm");
        item.AcceptedByUser = true;
        Assert.Equal(RefusalCodes.ForgedAcceptance, Refused(item, Cloud).Code);
        Assert.Equal(RefusalCodes.ForgedAcceptance, Refused(item, DesktopNoAccept).Code);
    }

    [Fact]
    public void AiToken_ClaimingLevelOne_IsForbiddenLevel()
    {
        var refusal = Refused(Item(), Cloud);
        Assert.Equal(RefusalCodes.ForbiddenLevel, refusal.Code);
        Assert.Equal("truth_level", refusal.Field);
        Assert.True(refusal.IsSecurity);
    }

    [Fact]
    public void UserToken_WritingAnotherChannel_IsForbiddenOrigin()
    {
        var refusal = Refused(Item(1, "user:web"), Desktop);
        Assert.Equal(RefusalCodes.ForbiddenOrigin, refusal.Code);
        Assert.Equal("origin_source", refusal.Field);
    }

    [Fact]
    public void VaultToken_MayWriteTheAutomationsAndAssistantsItsVaultRuns_AtTheirOwnLevels()
    {
        Assert.True(Admit(Item(2, "automation:rule-9"), Desktop).Admitted);
        Assert.True(Admit(Item(3, "ai-local:extractive-v1"), Desktop).Admitted);
        Assert.True(Admit(Item(4, "ai-lan:llama3"), Desktop).Admitted);
        Assert.True(Admit(Item(5, "ai-cloud:openai-gpt"), Desktop).Admitted);
        Assert.Equal(RefusalCodes.InvalidItem, Refused(Item(3, "ai-cloud:openai-gpt"), Desktop).Code);
        var voice = PrincipalScope.For("t1", "v", PrincipalKind.UserDevice, "voice");
        Assert.Equal(RefusalCodes.ForbiddenLevel, Refused(Item(4, "ai-lan:llama3"), voice).Code);
    }

    [Fact]
    public void ItemNamingAnotherTenant_IsCrossTenant()
    {
        var item = Item();
        item.TenantId = "t2";
        Assert.Equal(RefusalCodes.CrossTenant, Refused(item, Desktop).Code);
    }

    [Fact]
    public void ProtectedField_BelowLevelOne_IsRefused()
    {
        var refusal = Refused(Item(2, "automation:rule-1", """{"owner_id":"someone"}"""), Desktop);
        Assert.Equal(RefusalCodes.ProtectedField, refusal.Code);
        Assert.Equal("payload.owner_id", refusal.Field);
        Assert.True(Admit(Item(1, "user:desktop", """{"owner_id":"me"}"""), Desktop).Admitted);
    }

    [Theory]
    [InlineData("Owner_Id")]
    [InlineData("OWNER_ID")]
    [InlineData("Billing")]
    public void LookalikeProtectedFieldBug_NameMatchingAfterCaseFolding_IsProtected(string name)
    {
        var refusal = Refused(Item(5, "ai-cloud:llm", $$"""{"{{name}}":"someone"}"""), Cloud);
        Assert.Equal(RefusalCodes.ProtectedField, refusal.Code);
        Assert.Equal(FieldClass.Protected, SchemaPolicy.Default.ClassOf("note", name));
    }

    [Fact]
    public void LookalikeProtectedFieldBug_TenantProtectedFieldInAnotherCase_IsProtected()
    {
        var policy = new SchemaPolicy(new Dictionary<string, IReadOnlyDictionary<string, FieldClass>> { ["note"] = new Dictionary<string, FieldClass> { ["secret_ref"] = FieldClass.Protected } });
        Assert.Equal(FieldClass.Protected, policy.ClassOf("note", "Secret_Ref"));
        Assert.Equal(FieldClass.Content, policy.ClassOf("task", "Secret_Ref"));
    }

    [Theory]
    [InlineData("owner_id\u200b")]
    [InlineData("\u200bowner_id")]
    [InlineData("owner\u200d_id")]
    [InlineData("owner_id\u202e")]
    [InlineData("owner_id\ufeff")]
    [InlineData("owner_id\u00ad")]
    [InlineData("cafe\u0301")]
    [InlineData("owner_id ")]
    [InlineData(" owner_id")]
    [InlineData("owner_id\u0007")]
    public void LookalikeProtectedFieldBug_NameWithFormatCharactersOrNotNfc_IsInvalid(string escaped)
    {
        var name = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var payload = "{" + JsonSerializer.Serialize(name) + ":\"x\"}";
        var refusal = Refused(Item(5, "ai-cloud:llm", payload), Cloud);
        Assert.Equal(RefusalCodes.InvalidItem, refusal.Code);
        Assert.Equal("payload", refusal.Field);
        Assert.False(ItemAdmission.IsValidFieldName(name));
    }

    [Fact]
    public void Runtime_NormalizesUnicode_SoTheNfcRuleIsNotVacuous() =>
        Assert.False("cafe\u0301".IsNormalized(System.Text.NormalizationForm.FormC));

    [Theory]
    [InlineData("caf\u00e9")]
    [InlineData("t\u00edtulo")]
    [InlineData("\u30bf\u30a4\u30c8\u30eb")]
    [InlineData("note \ud83d\ude00")]
    [InlineData("two words")]
    public void FieldName_NfcTextWithoutFormatCharacters_IsValid(string escaped) =>
        Assert.True(ItemAdmission.IsValidFieldName(System.Text.RegularExpressions.Regex.Unescape(escaped)));

    [Fact]
    public void EntityId_WithAZeroWidthSpace_IsInvalid()
    {
        var item = Item();
        item.EntityId = "key\u200b";
        Assert.Equal("entity_id", Refused(item, Desktop).Field);
    }

    [Theory]
    [InlineData(2, "automation:rule-1")]
    [InlineData(3, "ai-local:x")]
    [InlineData(5, "ai-cloud:llm")]
    public void KeyRecordLockoutBug_VaultKeyBelowLevelOne_IsRefusedAsProtectedEntity(int level, string origin)
    {
        var item = Item(level, origin, """{"kdf":"argon2id","salt":"AAAA","check":"x"}""");
        item.EntityType = "vault-key";
        item.EntityId = "key";
        var refusal = Refused(item, level == 5 ? Cloud : Desktop);
        Assert.Equal(RefusalCodes.ProtectedEntity, refusal.Code);
        Assert.True(refusal.IsSecurity);

        item.Payload = null;
        item.Deleted = true;
        Assert.Equal(RefusalCodes.ProtectedEntity, Refused(item, level == 5 ? Cloud : Desktop).Code);
    }

    [Fact]
    public void KeyRecord_AtLevelOne_IsAdmitted()
    {
        var item = Item(1, "user:desktop", """{"kdf":"argon2id"}""");
        item.EntityType = "vault-key";
        item.EntityId = "key";
        Assert.True(Admit(item, Desktop).Admitted);
    }

    [Fact]
    public void Timestamp_FarInTheFuture_IsRefused()
    {
        var item = Item();
        item.LastModifiedAt = UtcMicros.Format(Now + TimeSpan.FromHours(1).Ticks / 10);
        Assert.Equal(RefusalCodes.TimestampInFuture, Refused(item, Desktop).Code);
    }

    [Fact]
    public void ServerOwnedValues_SetByClient_AreRefused()
    {
        var item = Item();
        item.LastModifiedByLevel = 1;
        Assert.Equal(RefusalCodes.ServerOwnedField, Refused(item, Desktop).Code);
    }

    [Fact]
    public void SeedShapeItem_CarryingVersionWithoutBaseVersion_IsBasedOnThatVersion()
    {
        var item = Item();
        item.Version = 7;
        var write = Admit(item, Desktop).Write!;
        Assert.Equal(7, write.BaseVersion);
        Assert.Equal(7, write.ClaimedVersion);

        item.BaseVersion = 7;
        Assert.Equal(7, Admit(item, Desktop).Write!.BaseVersion);
    }

    [Theory]
    [InlineData(7L, 6L)]
    [InlineData(-1L, null)]
    public void SeedShapeItem_VersionDifferingFromBaseVersionOrNegative_IsInvalid(long version, long? baseVersion)
    {
        var item = Item();
        item.Version = version;
        item.BaseVersion = baseVersion;
        var refusal = Refused(item, Desktop);
        Assert.Equal(RefusalCodes.InvalidItem, refusal.Code);
        Assert.Equal("version", refusal.Field);
    }

    [Theory]
    [InlineData(7, "user:desktop", "truth_level")]
    [InlineData(0, "user:desktop", "truth_level")]
    [InlineData(1, "desktop", "origin_source")]
    [InlineData(1, "robot:x", "origin_source")]
    [InlineData(1, "user:", "origin_source")]
    [InlineData(1, "user:desk top", "origin_source")]
    [InlineData(1, "ai-cloud:llm", "origin_source")]
    public void MalformedLevelOrOrigin_IsInvalidItemNamingTheField(int level, string origin, string field)
    {
        var refusal = Admit(Item(level, origin), Desktop).Refusals[0];
        Assert.Equal(RefusalCodes.InvalidItem, refusal.Code);
        Assert.Equal(field, refusal.Field);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    public void NonObjectPayload_IsInvalidItem(string payload)
    {
        var refusal = Refused(Item(payload: payload), Desktop);
        Assert.Equal("payload", refusal.Field);
        Assert.Contains("JSON object", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PayloadStringWithUnpairedSurrogate_IsInvalidItemNotAnException()
    {
        var refusal = Refused(Item(payload: """{"title":"\ud800"}"""), Desktop);
        Assert.Equal(RefusalCodes.InvalidItem, refusal.Code);
        Assert.Equal("payload.title", refusal.Field);
    }

    [Fact]
    public void MissingIds_AreEachReported()
    {
        var item = Item();
        item.EntityId = null;
        item.EntityType = "Bad Type";
        var fields = Admit(item, Desktop).Refusals.Select(r => r.Field).ToList();
        Assert.Contains("entity_id", fields);
        Assert.Contains("entity_type", fields);
    }

    [Fact]
    public void LocalTimeWithoutOffset_IsRefused()
    {
        var item = Item();
        item.LastModifiedAt = "2026-11-01T12:00:00";
        Assert.Equal("last_modified_at", Refused(item, Desktop).Field);
    }

    [Fact]
    public void ReservedFieldName_IsRefused()
    {
        Assert.Equal("payload", Refused(Item(payload: """{"_deleted":true}"""), Desktop).Field);
    }

    [Fact]
    public void OversizedPayload_IsPayloadTooLarge()
    {
        var big = new string('x', AdmissionLimits.Default.MaxPayloadBytes);
        Assert.Equal(RefusalCodes.PayloadTooLarge, Refused(Item(payload: $$"""{"body":"{{big}}"}"""), Desktop).Code);
    }

    [Fact]
    public void Payload_FieldNameWithInvalidUtf8_RefusedInvalidJsonNotThrown()
    {
        byte[] utf8 = [.. "{\"ti"u8, 0xC3, 0x28, .. "\":\"x\"}"u8];
        var item = Item();
        item.Payload = JsonDocument.Parse(utf8).RootElement.Clone();
        Assert.Equal(RefusalCodes.InvalidJson, Refused(item, Desktop).Code);
    }
}
