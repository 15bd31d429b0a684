using System.ComponentModel;
using Realign.Core.Contract;
using Realign.Vault.Sync;
using Realign.Vault;
using Spectre.Console.Cli;
using Spectre.Console;

namespace Realign.Cli.Vault;

/// <summary><c>realign vault init DIR --server URL --token T [--passphrase-file F | --key-file F]</c>.</summary>
internal sealed class VaultInitCommand : AsyncCommand<VaultInitCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("The folder for the new vault.")]
        public string Directory { get; set; } = "";

        [CommandOption("--server <URL>")]
        [Description("The sync server's base URL.")]
        public string? Server { get; set; }

        [CommandOption("--token <TOKEN>")]
        [Description("A user device token (rlt_...).")]
        public string? Token { get; set; }

        [CommandOption("--passphrase-file <FILE>")]
        [Description("Local-first tenants: a file holding the passphrase.")]
        public string? PassphraseFile { get; set; }

        [CommandOption("--key-file <FILE>")]
        [Description("Local-first tenants: a file holding a 32-byte key.")]
        public string? KeyFile { get; set; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Server) || string.IsNullOrWhiteSpace(Token))
            {
                return ValidationResult.Error("--server and --token are required");
            }

            if (!Uri.TryCreate(Server, UriKind.Absolute, out _))
            {
                return ValidationResult.Error($"--server '{Server}' is not an absolute URL");
            }

            return PassphraseFile is not null && KeyFile is not null ? ValidationResult.Error("give --passphrase-file or --key-file, not both") : ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (LocalVault.Exists(settings.Directory))
        {
            throw new VaultException($"'{settings.Directory}' already holds a vault");
        }

        using var transport = new HttpSyncTransport(new Uri(settings.Server!), settings.Token!);
        var me = await transport.GetMeAsync(cancellationToken);
        if (me.Channel is null)
        {
            throw new VaultException($"the token belongs to a {me.Kind} principal; a vault needs a user device token");
        }

        var localFirst = me.VaultMode == VaultMode.LocalFirst;
        var askPassphrase = localFirst && settings.PassphraseFile is null && settings.KeyFile is null;
        if (askPassphrase && (Console.IsInputRedirected || Console.IsErrorRedirected))
        {
            throw new VaultException("this tenant is local-first: give --passphrase-file or --key-file (or run in a terminal to type the passphrase)");
        }

        var passphrase = settings.PassphraseFile is { } pf
            ? (File.Exists(pf) ? File.ReadAllText(pf).TrimEnd('\r', '\n') : throw new VaultException($"passphrase file '{pf}' does not exist"))
            : null;
        var createdFolder = !Directory.Exists(settings.Directory);
        var vault = LocalVault.Create(settings.Directory, new VaultSettings(me.TenantId, me.Channel, me.VaultMode, settings.Server, "file:" + VaultSession.TokenFile));
        try
        {
            var tokenPath = Path.Combine(vault.Directory, VaultSession.TokenFile);
            await File.WriteAllTextAsync(tokenPath, settings.Token + "\n", cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(tokenPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            var client = new SyncClient(vault, transport);
            await client.PullAsync(null, cancellationToken);
            if (localFirst)
            {
                if (askPassphrase)
                {
                    vault.UnlockWithPassphrase(AskPassphrase(confirm: !vault.HasKeyRecord));
                }
                else if (passphrase is not null)
                {
                    vault.UnlockWithPassphrase(passphrase);
                }
                else
                {
                    vault.UnlockWithKeyFile(settings.KeyFile!);
                }
            }

            var summary = await client.SyncAsync(null, cancellationToken);
            AnsiConsole.MarkupLine($"[green]vault created[/] in [bold]{Markup.Escape(vault.Directory)}[/]: tenant {Markup.Escape(me.TenantName ?? me.TenantId)}, channel user:{Markup.Escape(me.Channel)}, {me.VaultMode.ToWire()}, {summary.Pulled} entities pulled");
            vault.Dispose();
            return 0;
        }
        catch
        {
            vault.Dispose();
            Remove(vault.Directory, createdFolder);
            throw;
        }
    }

    /// <summary>Reads the passphrase on the terminal, hidden; a new one twice.</summary>
    private static string AskPassphrase(bool confirm)
    {
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var passphrase = terminal.Prompt(new TextPrompt<string>(confirm ? "New passphrase for this tenant:" : "Passphrase:").Secret());
        if (passphrase.Length == 0)
        {
            throw new VaultException("the passphrase is empty");
        }

        if (confirm && terminal.Prompt(new TextPrompt<string>("Repeat the passphrase:").Secret()) != passphrase)
        {
            throw new VaultException("the two passphrases differ; nothing was created");
        }

        return passphrase;
    }

    private static void Remove(string directory, bool wholeFolder)
    {
        if (wholeFolder)
        {
            Directory.Delete(directory, recursive: true);
            return;
        }

        foreach (var name in new[] { "vault.db", "vault.db-wal", "vault.db-shm", VaultSession.TokenFile, "vault.key" })
        {
            File.Delete(Path.Combine(directory, name));
        }
    }
}
