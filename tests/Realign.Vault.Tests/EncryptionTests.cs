using System.Text.Json;
using Realign.Core.Merge;
using Realign.Core.Truth;
using Realign.Vault.Crypto;

namespace Realign.Vault.Tests;

public sealed class EncryptionTests
{
    private static readonly KeyParameters Fast = KeyParameters.CreateNew(memoryKib: 8192, iterations: 1);

    [Fact]
    public void Cipher_RoundTrip_ReturnsTheSameJson()
    {
        using var cipher = new ContentCipher(VaultKeys.NewKey());
        var key = new EntityKey("t1", "note", "n1");
        foreach (var json in new[] { "\"héllo\"", "[1,2,\"x\"]", "null", "{\"a\":true}" })
        {
            var envelope = cipher.Encrypt(key, "body", json);
            Assert.StartsWith("\"rl1:", envelope, StringComparison.Ordinal);
            Assert.Equal(json, cipher.Decrypt(key, "body", envelope));
        }
    }

    [Theory]
    [InlineData("t2", "note", "n1", "body")]
    [InlineData("t1", "task", "n1", "body")]
    [InlineData("t1", "note", "n2", "body")]
    [InlineData("t1", "note", "n1", "title")]
    public void Cipher_AssociatedDataMismatch_Fails(string tenant, string type, string id, string field)
    {
        using var cipher = new ContentCipher(VaultKeys.NewKey());
        var envelope = cipher.Encrypt(new EntityKey("t1", "note", "n1"), "body", "\"secret\"");
        Assert.Throws<VaultException>(() => cipher.Decrypt(new EntityKey(tenant, type, id), field, envelope));
    }

    [Fact]
    public async Task LocalFirst_SecondVaultWithPassphrase_ReadsEverything_ServerHoldsNoPlaintext()
    {
        using var rig = new Rig("local_first");
        var (a, ca, _) = rig.NewVault("a");
        a.UnlockWithPassphrase("correct horse", Fast);
        a.Put("note", "n1", """{"title":"Secret plan","body":"meet at dawn","tags":["private-tag"]}""");
        await ca.SyncAsync();
        var dump = rig.Server.Dump();
        Assert.DoesNotContain("Secret plan", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("meet at dawn", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("private-tag", dump, StringComparison.Ordinal);
        Assert.Contains("rl1:", dump, StringComparison.Ordinal);

        var (b, cb, _) = rig.NewVault("b", "cli");
        await cb.SyncAsync();
        b.UnlockWithPassphrase("correct horse");
        var note = b.Get("note", "n1")!;
        Assert.Equal("Secret plan", note.Text("title"));
        Assert.Equal("meet at dawn", note.Text("body"));
        b.Put("note", "n1", """{"body":"meet at noon"}""");
        await cb.SyncAsync();
        await ca.SyncAsync();
        Assert.Equal("meet at noon", a.Get("note", "n1")!.Text("body"));
        Assert.DoesNotContain("meet at noon", rig.Server.Dump(), StringComparison.Ordinal);
        Rig.AssertConverged(a, b);
    }

    private static string PlantedRecord(long memoryKib = 65536, long iterations = 3, long parallelism = 1, int saltBytes = 16)
    {
        using var attacker = new ContentCipher(VaultKeys.NewKey());
        var salt = System.Buffers.Text.Base64Url.EncodeToString(new byte[saltBytes]);
        return $$"""{"kdf":"argon2id","salt":"{{salt}}","memory_kib":{{memoryKib}},"iterations":{{iterations}},"parallelism":{{parallelism}},"check":{{VaultKeys.MakeCheck(attacker, "t1")}}}""";
    }

    [Fact]
    public async Task KeyRecordLockoutBug_RecordWrittenBelowLevelOne_IsIgnoredAndTheOwnerSetsUpTheKey()
    {
        using var rig = new Rig("local_first");
        rig.Server.Plant(VaultKeys.EntityType, VaultKeys.EntityId, TruthLevel.AiCloud, "ai-cloud:llm", PlantedRecord());
        var (a, ca, _) = rig.NewVault("a");
        await ca.SyncAsync();
        a.UnlockWithPassphrase("right", Fast);
        a.Put("note", "n1", """{"title":"mine"}""");
        await ca.SyncAsync();

        var (b, cb, _) = rig.NewVault("b", "cli");
        await cb.SyncAsync();
        b.UnlockWithPassphrase("right");
        Assert.Equal("mine", b.Get("note", "n1")!.Text("title"));
    }

    [Fact]
    public async Task KeyRecordLockoutBug_LowerRegistersWrittenAfterTheOwners_AreNeverUsedNorAcceptable()
    {
        using var rig = new Rig("local_first");
        var (a, ca, _) = rig.NewVault("a");
        a.UnlockWithPassphrase("right", Fast);
        await ca.SyncAsync();
        rig.Server.Plant(VaultKeys.EntityType, VaultKeys.EntityId, TruthLevel.AiCloud, "ai-cloud:llm", PlantedRecord(), DateTimeOffset.UtcNow.AddSeconds(5));

        var (b, cb, _) = rig.NewVault("b", "cli");
        await cb.SyncAsync();
        b.UnlockWithPassphrase("right");
        Assert.True(b.IsUnlocked);
        var planted = b.Suggestions().First(s => s.EntityType == VaultKeys.EntityType);
        var ex = Assert.Throws<VaultException>(() => b.Accept(planted.Id));
        Assert.Contains("key record", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4_194_304L, 3L, 1L, 16, "memory_kib")]
    [InlineData(1024L, 3L, 1L, 16, "memory_kib")]
    [InlineData(65536L, 1_000_000L, 1L, 16, "iterations")]
    [InlineData(65536L, 0L, 1L, 16, "iterations")]
    [InlineData(65536L, 3L, 4096L, 16, "parallelism")]
    [InlineData(65536L, 3L, 1L, 4, "salt length")]
    [InlineData(65536L, 3L, 1L, 4096, "salt length")]
    [InlineData(99_999_999_999L, 3L, 1L, 16, "memory_kib")]
    public async Task KdfBoundsBug_ParameterOutOfBounds_RefusedWithOneLineBeforeDeriving(long memoryKib, long iterations, long parallelism, int saltBytes, string named)
    {
        using var rig = new Rig("local_first");
        rig.Server.Plant(VaultKeys.EntityType, VaultKeys.EntityId, TruthLevel.User, "user:web", PlantedRecord(memoryKib, iterations, parallelism, saltBytes));
        var (a, ca, _) = rig.NewVault("a");
        await ca.SyncAsync();
        var ex = Assert.Throws<VaultException>(() => a.UnlockWithPassphrase("right"));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.False(a.IsUnlocked);
        Assert.False(File.Exists(Path.Combine(a.Directory, "vault.key")));
    }

    [Fact]
    public void KdfBounds_CreateNewOutOfBounds_Refused() =>
        Assert.Throws<VaultException>(() => KeyParameters.CreateNew(memoryKib: KeyParameters.MaxMemoryKib + 1));

    [Fact]
    public async Task WrongPassphrase_ClearError_NothingChanged()
    {
        using var rig = new Rig("local_first");
        var (a, ca, _) = rig.NewVault("a");
        a.UnlockWithPassphrase("right", Fast);
        a.Put("note", "n1", """{"title":"hidden"}""");
        await ca.SyncAsync();
        var (b, cb, _) = rig.NewVault("b");
        await cb.SyncAsync();
        var before = b.Status();
        var ex = Assert.Throws<WrongKeyException>(() => b.UnlockWithPassphrase("wrong"));
        Assert.Contains("wrong passphrase", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, b.Status());
        Assert.False(b.IsUnlocked);
        Assert.False(File.Exists(Path.Combine(b.Directory, "vault.key")));
        Assert.Throws<VaultException>(() => b.Put("note", "n2", """{"title":"x"}"""));
        Assert.Equal(0, b.Status().OutboxCount);
    }

    [Fact]
    public async Task KeyFile_SecondVaultWithSameFile_Reads()
    {
        using var rig = new Rig("local_first");
        var keyFile = Path.Combine(rig.Root, "tenant.key");
        VaultKeys.WriteKeyFile(keyFile, VaultKeys.NewKey());
        var (a, ca, _) = rig.NewVault("a");
        a.UnlockWithKeyFile(keyFile);
        a.Put("note", "n1", """{"title":"by key file"}""");
        await ca.SyncAsync();
        var (b, cb, _) = rig.NewVault("b");
        await cb.SyncAsync();
        b.UnlockWithKeyFile(keyFile);
        Assert.Equal("by key file", b.Get("note", "n1")!.Text("title"));
        b = rig.Reopen(b);
        Assert.True(b.IsUnlocked);
        Assert.Equal("by key file", b.Get("note", "n1")!.Text("title"));
    }

    [Fact]
    public void UnlockedVault_RelockWithWrongPassphrase_Refused()
    {
        using var rig = new Rig("local_first");
        var (a, _, _) = rig.NewVault("a");
        a.UnlockWithPassphrase("right", Fast);
        a.Put("note", "n1", """{"title":"t"}""");
        Assert.Throws<WrongKeyException>(() => a.UnlockWithPassphrase("wrong"));
        Assert.Equal("t", a.Get("note", "n1")!.Text("title"));
    }

    [Fact]
    public void LocalFirst_StoredValues_AreEnvelopes()
    {
        using var rig = new Rig("local_first");
        var (a, _, _) = rig.NewVault("a");
        a.UnlockWithPassphrase("p", Fast);
        a.Put("note", "n1", """{"title":"x","owner_id":"u1"}""");
        var state = a.Get("note", "n1")!.State;
        Assert.StartsWith("\"rl1:", state.FindField("title")!.Effective!.Value.Value, StringComparison.Ordinal);
        Assert.Equal("\"u1\"", state.FindField("owner_id")!.Effective!.Value.Value);
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(a.Get("note", "n1")!.Payload["title"]).RootElement.ValueKind);
    }
}
