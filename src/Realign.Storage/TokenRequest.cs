using Realign.Core.Rules;

namespace Realign.Storage;

/// <summary>What a new token stands for.</summary>
/// <remarks>Only a <see cref="PrincipalKind.UserDevice"/> with a channel may have <see cref="CanAccept"/>.</remarks>
public sealed record TokenRequest(string TenantId, PrincipalKind Kind, string? Channel = null, bool CanAccept = false, string? Label = null);
