namespace Realign.Assist.Redaction;

/// <summary>What a placeholder stands for; its name is the placeholder's label (<c>[EMAIL_1]</c>).</summary>
public enum RedactionKind
{
    /// <summary>A PEM private-key block.</summary>
    PrivateKey,

    /// <summary>An API key, access token or password (this system's <c>rlt_</c> tokens included).</summary>
    Secret,

    /// <summary>An e-mail address.</summary>
    Email,

    /// <summary>An IBAN whose check digits are right.</summary>
    Iban,

    /// <summary>A card number that passes the Luhn check.</summary>
    Card,

    /// <summary>A phone number.</summary>
    Phone,

    /// <summary>A word on the tenant's own list.</summary>
    Word,
}
