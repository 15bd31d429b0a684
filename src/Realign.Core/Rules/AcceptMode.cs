namespace Realign.Core.Rules;

/// <summary>Whether a channel may accept (upgrade) suggestions: always, only with a confirmation code, or never.</summary>
public enum AcceptMode
{
    /// <summary>A token with the accept right accepts as it is.</summary>
    Allow,

    /// <summary>An accept needs a confirmation (TOTP or PIN) sent with it.</summary>
    Confirm,

    /// <summary>Nothing from this channel accepts, whatever its token says.</summary>
    Deny,
}
