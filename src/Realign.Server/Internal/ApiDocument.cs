using Microsoft.OpenApi;

namespace Realign.Server.Internal;

/// <summary>The OpenAPI document's title, introduction and security scheme, as <c>/openapi/v1.json</c> and the reference at
/// <c>/docs</c> show them.</summary>
internal static class ApiDocument
{
    public const string Title = "Realign sync API";

    public const string BearerScheme = "bearer";

    private const string Introduction = """
        The sync server of Realign: local-first sync for notes, tasks and other records, where what
        the user wrote is the truth. Every value carries who wrote it, on a truth hierarchy: User (1) > Automation (2) >
        AI local (3) > AI on the LAN (4) > AI cloud (5). Machines propose; a person's value is never silently replaced.

        **Authentication.** Every `/sync`, `/auth` and `/security` call takes a tenant token (`rlt_...`) as
        `Authorization: Bearer <token>`; `/admin` calls take the operator's admin token. `realign serve` prints both on
        its first start; `realign admin token add` makes more.

        **Sync in two calls.** Push a batch of changes, then pull what changed after your cursor:

        ```
        curl -s -X POST http://127.0.0.1:5080/sync/push -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
          -d '{"batch_id":"b-1","items":[{"entity_type":"note","entity_id":"n1","truth_level":1,"origin_source":"user:desktop","last_modified_at":"2026-12-07T10:00:00.000000Z","payload":{"title":"Boiler"}}]}'
        curl -s "http://127.0.0.1:5080/sync/pull?since=0" -H "Authorization: Bearer $TOKEN"
        ```

        Errors are RFC 9457 problem details with a stable `code`. The full contract, limits and problem codes are in the
        repository's docs/api.md.
        """;

    /// <summary>Sets the document's info and the bearer scheme every operation uses.</summary>
    public static void Describe(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo { Title = Title, Version = "v1", Description = Introduction };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "rlt_ token",
            Description = "A tenant token (rlt_...) for /sync, /auth and /security; the admin token for /admin.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
    }
}
