using System.ComponentModel;
using Realign.Core.Contract;
using Realign.Core.Truth;
using Realign.Vault;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign resolve ID --keep mine|theirs|winner|loser | --value V</c>: settles a conflict on the server, then syncs.</summary>
internal sealed class ResolveCommand : AsyncCommand<ResolveCommand.Settings>
{
    internal sealed class Settings : VaultCommandSettings
    {
        [CommandArgument(0, "<ID>")]
        public string Id { get; set; } = "";

        [CommandOption("--keep <SIDE>")]
        [Description("mine, theirs, winner or loser.")]
        public string? Keep { get; set; }

        [CommandOption("--value <VALUE>")]
        [Description("A merged value (JSON, or plain text).")]
        public string? Value { get; set; }

        public override ValidationResult Validate() =>
            (Keep is null) == (Value is null) ? ValidationResult.Error("give exactly one of --keep and --value")
            : Keep is not (null or "mine" or "theirs" or "winner" or "loser") ? ValidationResult.Error("--keep is mine, theirs, winner or loser")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var conflict = vault.Conflicts().FirstOrDefault(c => c.ConflictId == settings.Id)
            ?? throw new VaultException($"no open conflict '{settings.Id}' (as of the last sync); list them with 'realign conflicts'");
        var request = new ResolveRequest { ConflictId = settings.Id };
        if (settings.Value is { } value)
        {
            request.Value = vault.SealForResolve(conflict.EntityType!, conflict.EntityId!, conflict.Field!, value);
        }
        else
        {
            request.Keep = settings.Keep switch
            {
                "mine" or "theirs" => WhichIsMine(vault, conflict) is { } mineSide
                    ? (settings.Keep == "mine" ? mineSide : (mineSide == "winner" ? "loser" : "winner"))
                    : throw new VaultException("cannot tell which side is yours (neither or both were written here); use --keep winner|loser"),
                _ => settings.Keep,
            };
        }

        using var transport = VaultSession.Transport(vault);
        var result = await VaultSession.Client(vault, transport).ResolveAsync(request, cancellationToken);
        AnsiConsole.MarkupLine($"[green]resolved[/] {Markup.Escape(settings.Id)}: {Markup.Escape(result.EntityType)}/{Markup.Escape(result.EntityId)} now v{result.Version}");
        return 0;
    }

    private static string? WhichIsMine(LocalVault vault, ConflictDto c)
    {
        var winner = UtcMicros.TryParse(c.Winner?.At, out var w) && vault.IsMine(w);
        var loser = UtcMicros.TryParse(c.Loser?.At, out var l) && vault.IsMine(l);
        return winner == loser ? null : winner ? "winner" : "loser";
    }
}
