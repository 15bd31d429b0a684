using Realign.Server.Configuration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Server;

/// <summary><c>realign admin config [--config FILE] [--json]</c>: every server setting in effect, and where it came from
/// (the default, the file, an environment variable, an option); secrets shown as <c>***</c>. The settings are checked as
/// <c>serve</c> checks them, so a wrong one is named here before a start.</summary>
internal sealed class ConfigCommand : Command<ConfigCommand.Settings>
{
    internal sealed class Settings : StoreSettings
    {
        [CommandOption("--json")]
        [System.ComponentModel.Description("Print JSON ([{key, value, origin, environment}]) instead of a table.")]
        public bool Json { get; init; }

        protected override bool ChecksListen => true;
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var values = ServerConfiguration.Describe(settings.Configuration, settings.Resolved);
        if (settings.Json)
        {
            return JsonOut.Write(w =>
            {
                w.WriteStartArray();
                foreach (var v in values)
                {
                    w.WriteStartObject();
                    w.WriteString("key", v.Key);
                    w.NullableString("value", v.Value);
                    w.WriteString("origin", v.Origin);
                    w.WriteString("environment", v.Environment);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }

        var table = new Table().AddColumns("setting", "value", "from", "variable");
        foreach (var v in values)
        {
            table.AddRow(Markup.Escape(v.Key), v.Value is null ? "[grey](none)[/]" : Markup.Escape(v.Value), Markup.Escape(v.Origin), Markup.Escape(v.Environment));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
