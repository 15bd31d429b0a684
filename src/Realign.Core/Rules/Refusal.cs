namespace Realign.Core.Rules;

/// <summary>Why an item may not be stored: a stable code, the offending JSON field and a precise reason.</summary>
public sealed record Refusal(int Index, string Code, string Field, string Message)
{
    /// <summary>True for refusals of authority (security events) rather than of form (sync events).</summary>
    public bool IsSecurity => Code is RefusalCodes.ForbiddenLevel or RefusalCodes.ForbiddenOrigin or RefusalCodes.CrossTenant
        or RefusalCodes.ProtectedField or RefusalCodes.ProtectedEntity or RefusalCodes.ForgedAcceptance or RefusalCodes.TimestampInFuture or RefusalCodes.ServerOwnedField
        or RefusalCodes.ConfirmationRequired;
}
