namespace Realign.Web.Hosting;

/// <summary>How a host runs the review UI.</summary>
public sealed class ReviewUiOptions
{
    /// <summary>Where the sign-in form posts (a host path such as <c>ui/signin</c>), or null when the host needs no sign-in
    /// (the vault: loopback and a per-start secret).</summary>
    public string? SignInAction { get; set; }

    /// <summary>Where the sign-out button posts, or null for no sign-out.</summary>
    public string? SignOutAction { get; set; }

    /// <summary>Called for each refused request of the UI (a missing antiforgery token, an action this principal may not
    /// take, an id that is not here) with its kind and a detail without values: the server writes a <c>security_events</c>
    /// row.</summary>
    public Func<Microsoft.AspNetCore.Http.HttpContext, string, string, Task>? OnRefused { get; set; }
}
