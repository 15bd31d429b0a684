using Realign.Assist.Jobs;

namespace Realign.Assist.Automations;

/// <summary>One action of a rule. Texts may hold <c>{title}</c>, <c>{id}</c>, <c>{type}</c> and <c>{date}</c>, filled from the
/// entity that triggered the rule and the run's date.</summary>
/// <param name="Kind">What it does.</param>
/// <param name="Title">The title of a created task or note.</param>
/// <param name="Body">The body of a created note.</param>
/// <param name="Field">The field a <see cref="ActionKind.SetField"/> sets.</param>
/// <param name="ValueJson">The compact JSON value it sets (strings are templates).</param>
/// <param name="Tag">The tag an <see cref="ActionKind.AddTag"/> adds.</param>
/// <param name="DueInDays">A created task's due date, in days after the run.</param>
/// <param name="Job">The job of an <see cref="ActionKind.Assist"/>.</param>
/// <param name="Provider">The provider of an <see cref="ActionKind.Assist"/> (the default one when null).</param>
public sealed record RuleAction(
    ActionKind Kind,
    string? Title = null,
    string? Body = null,
    string? Field = null,
    string? ValueJson = null,
    string? Tag = null,
    int? DueInDays = null,
    AssistJob? Job = null,
    string? Provider = null);
