namespace Realign.Assist.Jobs;

/// <summary>What an assistant is asked to do with a note.</summary>
public enum AssistJob
{
    /// <summary>A short summary: a derived <c>summary</c> entity.</summary>
    Summarise,

    /// <summary>Tags from the note: a suggestion on its <c>tags</c> field.</summary>
    Tags,

    /// <summary>The tasks in the note: suggested <c>task</c> entities.</summary>
    Tasks,

    /// <summary>A rewrite of the body: a suggestion on its <c>body</c> field.</summary>
    Draft,

    /// <summary>A free prompt over the note: a derived <c>answer</c> entity.</summary>
    Ask,

    /// <summary>The note's vectors, one per piece of its text: a derived <c>embedding</c> entity, for search and related notes.</summary>
    Embed,
}
