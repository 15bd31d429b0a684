namespace Realign.Core.Contract;

/// <summary>Body of <c>POST /admin/tenants</c>.</summary>
public sealed record CreateTenantRequest(string? Name, string? VaultMode);
