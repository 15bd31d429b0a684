namespace Realign.Core.Contract;

/// <summary>Body of <c>POST /admin/tokens</c>: <c>as</c> is <c>user:desktop</c>, <c>automation</c>, <c>ai-local</c>, ...</summary>
public sealed record CreateTokenRequest(string? Tenant, string? As, bool CanAccept, string? Label);
