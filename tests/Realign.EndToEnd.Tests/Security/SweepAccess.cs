namespace Realign.EndToEnd.Tests.Security;

/// <summary>The token an endpoint needs: a tenant's token (any principal) or the admin token.</summary>
public enum SweepAccess
{
    Tenant,
    Admin,
}
