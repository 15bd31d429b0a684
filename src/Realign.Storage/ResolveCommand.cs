using Realign.Core.Contract;

namespace Realign.Storage;

/// <summary>A user's answer to a conflict or a proposal, written as a level-1 write on <see cref="UserOrigin"/>.</summary>
public sealed record ResolveCommand(string TenantId, string PrincipalId, string UserOrigin, bool CanAccept, ResolveRequest Request, long NowMicros);
