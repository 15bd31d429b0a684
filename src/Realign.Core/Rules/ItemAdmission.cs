using System.Globalization;
using System.Text;
using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Truth;
using static Realign.Core.Rules.Quoted;

namespace Realign.Core.Rules;

/// <summary>Validates a pushed item, checks it against the pusher's scope, and turns it into a stamped write.</summary>
/// <remarks>Pure: the clock is passed in. Every problem is reported (not just the first), each naming its field.
/// An accepted item from a principal with the accept right is stamped level 1 on the principal's channel and keeps its
/// lower origin as provenance: the upgrade rule.</remarks>
public static class ItemAdmission
{
    /// <summary>The longest entity id.</summary>
    public const int MaxIdLength = 200;

    /// <summary>The longest payload field name.</summary>
    public const int MaxFieldNameLength = 128;

    /// <summary>Admits or refuses one item.</summary>
    public static Admission Admit(SyncItem item, int index, PrincipalScope scope, SchemaPolicy policy, long nowMicros, AdmissionLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(policy);
        limits ??= AdmissionLimits.Default;
        var refusals = new List<Refusal>();
        void Refuse(string code, string field, string message) => refusals.Add(new Refusal(index, code, field, message));

        if (!IsValidType(item.EntityType))
        {
            Refuse(RefusalCodes.InvalidItem, "entity_type", item.EntityType is null
                ? "entity_type is required"
                : $"entity_type '{Shorten(item.EntityType)}' must be 1-64 characters of a-z, 0-9, _ and -, starting with a letter");
        }

        if (!IsValidId(item.EntityId))
        {
            Refuse(RefusalCodes.InvalidItem, "entity_id", item.EntityId is null
                ? "entity_id is required"
                : $"entity_id must be 1-{MaxIdLength} characters without control or format characters");
        }

        if (item.TenantId is { } tenant && tenant != scope.TenantId)
        {
            Refuse(RefusalCodes.CrossTenant, "tenant_id", "tenant_id names a tenant other than the token's");
        }

        // The seed's own item shape carries the entity's version: read it as the version the item was edited from.
        if (item.Version is < 0)
        {
            Refuse(RefusalCodes.InvalidItem, "version", "version must be 0 or more (the entity version the item was edited from)");
        }
        else if (item.Version is { } seedVersion && item.BaseVersion is { } given && given != seedVersion)
        {
            Refuse(RefusalCodes.InvalidItem, "version", $"version {seedVersion} and base_version {given} differ; send the version you edited from once");
        }

        if (item.FieldStamps is not null)
        {
            Refuse(RefusalCodes.ServerOwnedField, "field_stamps", "field stamps are set by the server");
        }

        if (item.Proposals is not null)
        {
            Refuse(RefusalCodes.ServerOwnedField, "proposals", "proposals are derived by the server");
        }

        if (item.LastModifiedByLevel is not null)
        {
            Refuse(RefusalCodes.ServerOwnedField, "last_modified_by_level", "last_modified_by_level is derived by the server");
        }

        if (item.BaseVersion is < 0)
        {
            Refuse(RefusalCodes.InvalidItem, "base_version", "base_version must be 0 or more");
        }

        TruthLevel? claimed = null;
        if (item.TruthLevel is not { } number)
        {
            Refuse(RefusalCodes.InvalidItem, "truth_level", "truth_level is required (1 user, 2 automation, 3 ai-local, 4 ai-lan, 5 ai-cloud)");
        }
        else if (!TruthLevels.IsDefined(number))
        {
            Refuse(RefusalCodes.InvalidItem, "truth_level", $"truth_level {number} is unknown; use 1 (user) to 5 (ai-cloud)");
        }
        else
        {
            claimed = (TruthLevel)number;
        }

        OriginSource? origin = null;
        if (!OriginSource.TryParse(item.OriginSource, out var parsedOrigin, out var originError))
        {
            Refuse(RefusalCodes.InvalidItem, "origin_source", originError);
        }
        else
        {
            origin = parsedOrigin;
            if (claimed is { } level && parsedOrigin.Level != level)
            {
                Refuse(RefusalCodes.InvalidItem, "origin_source", $"origin_source '{parsedOrigin.Value}' is a level {(int)parsedOrigin.Level} origin but truth_level is {(int)level}");
            }
        }

        long at = 0;
        if (!UtcMicros.TryParse(item.LastModifiedAt, out at))
        {
            Refuse(RefusalCodes.InvalidItem, "last_modified_at", item.LastModifiedAt is null
                ? "last_modified_at is required (ISO-8601 with Z or an offset)"
                : $"last_modified_at '{Shorten(item.LastModifiedAt)}' is not an ISO-8601 time with Z or an offset");
        }
        else if (at > nowMicros + (long)limits.MaxClockSkew.TotalMicroseconds)
        {
            Refuse(RefusalCodes.TimestampInFuture, "last_modified_at", $"last_modified_at is more than {limits.MaxClockSkew.TotalMinutes:0} minutes ahead of the server clock");
        }
        else if (at < 0)
        {
            Refuse(RefusalCodes.InvalidItem, "last_modified_at", "last_modified_at is before 1970");
        }

        var fields = ReadPayload(item, limits, Refuse);

        // Authority: which stamp the write gets, and may this principal claim it?
        Stamp? stamp = null;
        string? acceptedFrom = null;
        if (claimed is { } claimedLevel && origin is { } claimedOrigin)
        {
            if (item.AcceptedByUser)
            {
                if (!scope.CanAccept || scope.UserOrigin is null)
                {
                    Refuse(RefusalCodes.ForgedAcceptance, "accepted_by_user", "this token may not accept proposals; only a user device token with the accept right may, on a channel the tenant's policy lets accept");
                }
                else if (scope.AcceptNeedsConfirmation)
                {
                    Refuse(RefusalCodes.ConfirmationRequired, "accepted_by_user", $"an accept from the {scope.UserChannel} channel needs a confirmation: send the batch again with confirmation (a TOTP code or the PIN)");
                }
                else if (claimedLevel == TruthLevel.User)
                {
                    if (!scope.AllowsOrigin(claimedOrigin.Value))
                    {
                        Refuse(RefusalCodes.ForbiddenOrigin, "origin_source", $"origin_source '{claimedOrigin.Value}' is outside this token's scope");
                    }

                    acceptedFrom = LowerOriginInChain(item.OriginChain);
                    if (acceptedFrom is null)
                    {
                        Refuse(RefusalCodes.InvalidItem, "origin_chain", "an accepted level-1 item must name the lower origin it accepts in origin_chain (or keep the lower truth_level and origin_source)");
                    }

                    stamp = new Stamp(TruthLevel.User, at, claimedOrigin.Value);
                }
                else
                {
                    acceptedFrom = claimedOrigin.Value;
                    stamp = new Stamp(TruthLevel.User, at, scope.UserOrigin);
                }
            }
            else
            {
                var needsConfirmation = scope.NeedsConfirmation.Contains(claimedLevel);
                if (!scope.Levels.Contains(claimedLevel) && !needsConfirmation)
                {
                    Refuse(RefusalCodes.ForbiddenLevel, "truth_level", $"this token may not write level {(int)claimedLevel} ({claimedLevel.DisplayName()})");
                }
                else if (!scope.AllowsOrigin(claimedOrigin.Value))
                {
                    Refuse(RefusalCodes.ForbiddenOrigin, "origin_source", $"origin_source '{claimedOrigin.Value}' is outside this token's scope");
                }
                else if (needsConfirmation)
                {
                    Refuse(RefusalCodes.ConfirmationRequired, "truth_level", $"a level {(int)claimedLevel} write from this channel needs a confirmation: send the batch again with confirmation (a TOTP code or the PIN), or write it at a level the channel writes as it is ({string.Join(", ", scope.Levels.Select(l => (int)l))}) to make it a proposal");
                }

                stamp = new Stamp(claimedLevel, at, claimedOrigin.Value);
            }
        }

        if (stamp is { Level: not TruthLevel.User } low && item.EntityType is { } type && (fields is not null || SchemaPolicy.IsUserOnlyType(type)))
        {
            foreach (var (code, field, message) in WriteRules.BelowUserRefusals(low.Level, type, fields?.Select(f => f.Key) ?? [], policy))
            {
                Refuse(code, field, message);
            }
        }

        if (refusals.Count > 0 || stamp is null || fields is null)
        {
            return new Admission(null, refusals);
        }

        var key = new EntityKey(scope.TenantId, item.EntityType!, item.EntityId!);
        return new Admission(new Write(key, stamp.Value, fields, item.Deleted, acceptedFrom, item.BaseVersion ?? item.Version, ClaimedVersion: item.Version), []);
    }

    private static List<KeyValuePair<string, string>>? ReadPayload(SyncItem item, AdmissionLimits limits, Action<string, string, string> refuse)
    {
        if (item.Payload is not { } payload || payload.ValueKind == JsonValueKind.Null)
        {
            if (item.Deleted)
            {
                return [];
            }

            refuse(RefusalCodes.InvalidItem, "payload", "payload is required (a JSON object) unless deleted is true");
            return null;
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            refuse(RefusalCodes.InvalidItem, "payload", $"payload must be a JSON object, not {payload.ValueKind.ToString().ToLowerInvariant()}");
            return null;
        }

        var fields = new List<KeyValuePair<string, string>>();
        var bytes = 2;
        bool ok;
        try
        {
            ok = ReadFields(payload, fields, ref bytes, refuse);
        }
        catch (InvalidOperationException ex) when (ex.InnerException is DecoderFallbackException)
        {
            // The reader keeps payload text raw; invalid UTF-8 in a name or a string only surfaces when it is decoded.
            refuse(RefusalCodes.InvalidJson, "payload", "payload is not valid UTF-8");
            return null;
        }

        if (fields.Count > limits.MaxFields)
        {
            refuse(RefusalCodes.PayloadTooLarge, "payload", $"payload has {fields.Count} fields; at most {limits.MaxFields} are allowed");
            ok = false;
        }

        if (bytes > limits.MaxPayloadBytes)
        {
            refuse(RefusalCodes.PayloadTooLarge, "payload", $"payload is {bytes} bytes; at most {limits.MaxPayloadBytes} are allowed");
            ok = false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in fields)
        {
            if (!seen.Add(name))
            {
                refuse(RefusalCodes.InvalidItem, "payload", $"payload field '{Shorten(name)}' appears twice");
                ok = false;
            }
        }

        return ok ? fields : null;
    }

    private static bool ReadFields(JsonElement payload, List<KeyValuePair<string, string>> fields, ref int bytes, Action<string, string, string> refuse)
    {
        var ok = true;
        foreach (var property in payload.EnumerateObject())
        {
            if (!IsValidFieldName(property.Name))
            {
                refuse(RefusalCodes.InvalidItem, "payload", $"payload field name '{Shorten(Visible(property.Name))}' must be 1-{MaxFieldNameLength} characters in Unicode normal form C, not start with '_' or end in white space, and have no control or format characters");
                ok = false;
                continue;
            }

            string value;
            int valueBytes;
            try
            {
                value = JsonValues.ToCompact(property.Value, out valueBytes);
            }
            catch (InvalidOperationException)
            {
                // A \ud800-style escape without its pair passes the JSON reader but is not Unicode text.
                refuse(RefusalCodes.InvalidItem, $"payload.{property.Name}", $"payload field '{Shorten(property.Name)}' holds a string with an unpaired surrogate escape, which is not valid Unicode");
                ok = false;
                continue;
            }

            bytes += Encoding.UTF8.GetByteCount(property.Name) + valueBytes + 4;
            fields.Add(new(property.Name, value));
        }

        return ok;
    }

    private static string? LowerOriginInChain(List<ProvenanceDto>? chain)
    {
        if (chain is null)
        {
            return null;
        }

        for (var i = chain.Count - 1; i >= 0; i--)
        {
            if (OriginSource.TryParse(chain[i].Source, out var o, out _) && o.Level != TruthLevel.User)
            {
                return o.Value;
            }
        }

        return null;
    }

    /// <summary>True for 1-64 characters of <c>[a-z0-9_-]</c> starting with a letter.</summary>
    public static bool IsValidType(string? type)
    {
        if (string.IsNullOrEmpty(type) || type.Length > 64 || !char.IsAsciiLetterLower(type[0]))
        {
            return false;
        }

        foreach (var c in type)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for 1-200 characters with no control or format characters.</summary>
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxIdLength && !HasControlOrFormat(id);

    /// <summary>True for a payload field name: 1-128 characters, not starting with <c>_</c>, no control or format
    /// characters (zero-width and direction marks), no white space at either end, well-formed and in Unicode normal form C.</summary>
    /// <remarks>Names that only look like another name are refused, so a name cannot pass for a protected one to a reader.</remarks>
    public static bool IsValidFieldName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxFieldNameLength || name[0] == '_'
            || char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[^1]))
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                return false;
            }
        }

        return name.IsNormalized(NormalizationForm.FormC);
    }

    /// <summary>True when <paramref name="text"/> has a control or format character (zero-width, direction marks).</summary>
    private static bool HasControlOrFormat(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                return true;
            }
        }

        return false;
    }
}
