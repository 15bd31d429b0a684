namespace Realign.Assist.Automations;

/// <summary>What a rule does.</summary>
public enum ActionKind
{
    /// <summary>Create a task (a suggested entity at level 2).</summary>
    CreateTask,

    /// <summary>Create a note (a suggested entity at level 2).</summary>
    CreateNote,

    /// <summary>Set a field of the entity that triggered the rule (a suggestion beside a user value).</summary>
    SetField,

    /// <summary>Add a tag to the entity that triggered the rule.</summary>
    AddTag,

    /// <summary>Delete the entity that triggered the rule: on an entity a person wrote, a delete suggestion.</summary>
    Delete,

    /// <summary>Run an assistant job on the entity that triggered the rule (its outputs carry the assistant's level).</summary>
    Assist,
}
