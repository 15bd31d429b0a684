namespace Realign.Web.Hosting;

/// <summary>Metadata of every endpoint of the review UI: its responses carry the UI's security headers.</summary>
public sealed class ReviewUiEndpoint
{
    /// <summary>The one instance.</summary>
    public static ReviewUiEndpoint Instance { get; } = new();

    private ReviewUiEndpoint()
    {
    }
}
