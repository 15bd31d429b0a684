using Realign.Assist.Providers;
using Realign.Cli.Vault;
using Realign.Vault.Assist;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Assist;

/// <summary><c>realign assist providers [--json]</c>: every provider with its level, origin and exposure.</summary>
internal sealed class ProvidersListCommand : Command<VaultListSettings>
{
    public override int Execute(CommandContext context, VaultListSettings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var config = AssistSettings.Load(vault.Directory);
        var policy = vault.ExposurePolicy;
        var providers = config.Checked();
        var defaultName = config.Default ?? ProviderNames.Builtin.Name;
        if (settings.Json)
        {
            return JsonOut.Write(w =>
            {
                w.WriteStartArray();
                foreach (var (identity, entry) in providers)
                {
                    var o = identity.Options;
                    w.WriteStartObject();
                    w.WriteString("name", o.Name);
                    w.WriteString("kind", o.Kind.ToName());
                    w.WriteString("placement", o.Placement.ToName());
                    w.NullableString("endpoint", o.Endpoint?.ToString());
                    w.WriteString("model", o.Model);
                    w.WriteNumber("level", (int)identity.Level);
                    w.WriteString("origin", identity.Origin.Value);
                    w.WriteString("exposure", Realign.Core.Contract.Exposures.ToWire(policy.For(identity.Level)));
                    w.NullableString("api_key_env", entry?.ApiKeyEnv);
                    w.WriteBoolean("default", string.Equals(o.Name, defaultName, StringComparison.OrdinalIgnoreCase));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }

        var table = new Table().AddColumns("name", "kind", "runs", "endpoint", "model", "level", "origin", "may read");
        foreach (var (identity, _) in providers)
        {
            var o = identity.Options;
            var name = string.Equals(o.Name, defaultName, StringComparison.OrdinalIgnoreCase) ? $"{Markup.Escape(o.Name)} [green](default)[/]" : Markup.Escape(o.Name);
            table.AddRow(name, o.Kind.ToName(), o.Placement.ToName(), Markup.Escape(o.Endpoint?.ToString() ?? "in process"), Markup.Escape(o.Model), Show.Level(identity.Level), Markup.Escape(identity.Origin.Value),
                Realign.Core.Contract.Exposures.ToWire(policy.For(identity.Level)));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
