namespace Realign.Testing;

/// <summary>How <see cref="ModelLoopbackServer"/> answers one request.</summary>
/// <param name="Status">The HTTP status (200 for an answer).</param>
/// <param name="Content">The model's text.</param>
/// <param name="Hang">True to send nothing until the client gives up.</param>
public sealed record ModelAnswer(int Status, string Content, bool Hang = false)
{
    /// <summary>An answer with this text.</summary>
    public static ModelAnswer Text(string content) => new(200, content);

    /// <summary>An HTTP error.</summary>
    public static ModelAnswer Error(int status) => new(status, "");

    /// <summary>No answer until the client gives up.</summary>
    public static ModelAnswer Silence { get; } = new(200, "", Hang: true);
}
