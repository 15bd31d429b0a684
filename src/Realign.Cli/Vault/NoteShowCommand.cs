using Realign.Vault;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign note show ID [--json]</c>: every field with its level and origin.</summary>
internal sealed class NoteShowCommand : Command<NoteShowCommand.Settings>
{
    internal sealed class Settings : VaultListSettings
    {
        [CommandArgument(0, "<ID>")]
        public string Id { get; set; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var note = vault.Get("note", settings.Id) ?? throw new VaultException($"no note '{settings.Id}'");
        if (settings.Json)
        {
            return JsonOut.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("type", note.EntityType);
                w.WriteString("id", note.EntityId);
                w.WriteNumber("version", note.ServerVersion);
                w.WriteBoolean("deleted", note.IsDeleted);
                w.WriteNumber("level", (int)note.State.TruthLevel);
                w.WriteStartObject("fields");
                foreach (var (name, value) in note.Payload)
                {
                    var reg = note.State.FindField(name)!.Effective!.Value;
                    w.WriteStartObject(name);
                    w.Raw("value", value);
                    w.WriteNumber("level", (int)reg.Stamp.Level);
                    w.WriteString("origin", reg.Stamp.Origin);
                    w.Time("at", reg.Stamp.AtMicros);
                    w.NullableString("accepted_from", reg.AcceptedFrom);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WriteEndObject();
            });
        }

        var table = new Table().AddColumns("field", "value", "level", "origin", "at");
        foreach (var (name, value) in note.Payload)
        {
            var reg = note.State.FindField(name)!.Effective!.Value;
            var origin = reg.AcceptedFrom is { } from ? $"{reg.Stamp.Origin} (accepted from {from})" : reg.Stamp.Origin;
            table.AddRow(Markup.Escape(name), Show.Value(value, 200), Show.Level(reg.Stamp.Level), Markup.Escape(origin), Show.Time(reg.Stamp.AtMicros));
        }

        AnsiConsole.MarkupLine($"[bold]note {Markup.Escape(note.EntityId)}[/] v{note.ServerVersion}{(note.IsDeleted ? " [red](deleted)[/]" : "")}");
        AnsiConsole.Write(table);
        return 0;
    }
}
