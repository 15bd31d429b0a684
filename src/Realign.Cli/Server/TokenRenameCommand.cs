using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Server;

/// <summary><c>realign admin token rename --tenant NAME PRINCIPAL_ID --label TEXT</c>.</summary>
internal sealed class TokenRenameCommand : AsyncCommand<TokenRenameCommand.Settings>
{
    internal sealed class Settings : StoreSettings
    {
        [CommandOption("--tenant <NAME>")]
        [Description("Tenant name or id")]
        public string? Tenant { get; init; }

        [CommandArgument(0, "<PRINCIPAL_ID>")]
        [Description("The principal to rename (see admin token list)")]
        public string PrincipalId { get; init; } = "";

        [CommandOption("--label <TEXT>")]
        [Description("Its new name (1-100 characters)")]
        public string? Label { get; init; }

        public override ValidationResult Validate() =>
            !Realign.Storage.Tokens.IsValidLabel(Label) ? ValidationResult.Error("--label is required: 1-100 characters without control characters") : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenAsync(cancellationToken);
        var tenant = await store.FindTenantAsync(settings.Tenant ?? "", cancellationToken) ?? throw new InvalidOperationException($"no tenant '{settings.Tenant}'");
        if (!await store.RenamePrincipalAsync(tenant.Id, settings.PrincipalId, settings.Label!, cancellationToken))
        {
            throw new InvalidOperationException($"no principal '{settings.PrincipalId}' in tenant '{tenant.Name}'");
        }

        AnsiConsole.WriteLine($"renamed {settings.PrincipalId} to {settings.Label}");
        return 0;
    }
}
