using System.Text;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Storage;
using Realign.Vault;

namespace Realign.EndToEnd.Tests.Vault;

public sealed class EncryptionAtRestTests
{
    [BackendTheory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public async Task LocalFirstTenant_NotesSyncedThroughCli_ServerHoldsNoPlaintextSamePassphraseReadsAllWrongOneFails(Backend backend)
    {
        if (backend == Backend.Postgres && !PostgresServer.Available())
        {
            return;
        }

        await using var server = await HostedServer.StartAsync(backend, LiveTenant.Options);
        using var tenant = await LiveTenant.CreateAsync(server, VaultMode.LocalFirst);
        var passphrase = Path.Combine(server.Folder.Path, "pass.txt");
        var wrong = Path.Combine(server.Folder.Path, "wrong.txt");
        await File.WriteAllTextAsync(passphrase, "correct horse battery staple\n");
        await File.WriteAllTextAsync(wrong, "incorrect horse\n");
        var dirA = Path.Combine(server.Folder.Path, "a");
        var init = await Cli.RunAsync("vault", "init", dirA, "--server", server.Url, "--token", await tenant.TokenAsync(PrincipalKind.UserDevice, "desktop", true), "--passphrase-file", passphrase);
        Assert.True(init.ExitCode == 0, init.ToString());

        var markers = new Dictionary<string, string>();
        using (var a = LocalVault.Open(dirA))
        {
            Assert.True(a.IsUnlocked);
            for (var i = 0; i < 5; i++)
            {
                var title = $"ZQXTITLE{i}MARK";
                var body = $"ZQXBODY{i}MARK secret text";
                var tag = $"zqxtag{i}mark";
                a.Put("note", $"n{i}", $$"""{"title":"{{title}}","body":"{{body}}","tags":["{{tag}}"]}""");
                markers[$"n{i}"] = title;
                markers[body] = body;
                markers[tag] = tag;
            }
        }

        var added = await Cli.RunAsync("note", "add", "ZQXCLITITLEMARK", "--id", "cli", "--body", "ZQXCLIBODYMARK", "--vault", dirA);
        Assert.True(added.ExitCode == 0, added.ToString());
        markers["cli"] = "ZQXCLITITLEMARK";
        markers["ZQXCLIBODYMARK"] = "ZQXCLIBODYMARK";
        var sync = await Cli.RunAsync("sync", "--vault", dirA);
        Assert.True(sync.ExitCode == 0, sync.ToString());

        var stored = backend == Backend.Sqlite ? ReadSqliteFiles(server.SqlitePath!) : await PostgresServer.AllRowsAsTextAsync(server.PostgresConnectionString!);
        Assert.Contains("rl1:", stored, StringComparison.Ordinal);
        Assert.Contains("\"n0\"", stored.Replace("'", "\"", StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (var marker in markers.Values)
        {
            Assert.DoesNotContain(marker, stored, StringComparison.OrdinalIgnoreCase);
        }

        var dirB = Path.Combine(server.Folder.Path, "b");
        var initB = await Cli.RunAsync("vault", "init", dirB, "--server", server.Url, "--token", await tenant.TokenAsync(PrincipalKind.UserDevice, "web", true), "--passphrase-file", passphrase);
        Assert.True(initB.ExitCode == 0, initB.ToString());
        using (var b = LocalVault.Open(dirB))
        {
            for (var i = 0; i < 5; i++)
            {
                var note = b.Get("note", $"n{i}")!;
                Assert.Equal($"ZQXTITLE{i}MARK", note.Text("title"));
                Assert.Equal($"ZQXBODY{i}MARK secret text", note.Text("body"));
                Assert.Equal($"[\"zqxtag{i}mark\"]", note.Payload["tags"]);
            }

            Assert.Equal("ZQXCLIBODYMARK", b.Get("note", "cli")!.Text("body"));
        }

        var show = await Cli.RunAsync("note", "show", "cli", "--vault", dirB);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("ZQXCLIBODYMARK", show.Stdout, StringComparison.Ordinal);

        var dirC = Path.Combine(server.Folder.Path, "c");
        var existing = Path.Combine(server.Folder.Path, "d");
        Directory.CreateDirectory(existing);
        foreach (var target in new[] { dirC, existing })
        {
            var bad = await Cli.RunAsync("vault", "init", target, "--server", server.Url, "--token", await tenant.TokenAsync(PrincipalKind.UserDevice, "mobile"), "--passphrase-file", wrong);
            Assert.NotEqual(0, bad.ExitCode);
            var line = Assert.Single(bad.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: wrong passphrase", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", bad.Stdout + bad.Stderr, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(dirC));
        Assert.Empty(Directory.EnumerateFileSystemEntries(existing));
    }

    internal static string ReadSqliteFiles(string path)
    {
        var text = new StringBuilder();
        foreach (var file in new[] { path, path + "-wal" })
        {
            if (File.Exists(file))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                text.Append(Encoding.Latin1.GetString(memory.ToArray()));
            }
        }

        return text.ToString();
    }
}
