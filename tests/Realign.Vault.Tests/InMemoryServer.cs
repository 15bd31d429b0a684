using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.Vault.Sync;

namespace Realign.Vault.Tests;

public sealed class InMemoryServer
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string, string), (EntityState State, long Seq)> _entities = [];
    private readonly Dictionary<string, PushResponse> _batches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConflictDto> _conflicts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PrincipalScope> _tokens = new(StringComparer.Ordinal);
    private long _seq;

    public InMemoryServer(string tenantId = "t1", string vaultMode = "cloud_first", TimeProvider? time = null)
    {
        TenantId = tenantId;
        VaultMode = vaultMode;
        Time = time ?? TimeProvider.System;
    }

    public string TenantId { get; }

    public string VaultMode { get; }

    public TimeProvider Time { get; }

    public long PurgeHorizon { get; set; }

    public int PushCalls { get; private set; }

    public int MaxItemsPerRequest { get; set; } = int.MaxValue;

    public string AddToken(PrincipalKind kind, string? channel = null, bool canAccept = false)
    {
        var token = "rlt_" + Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            _tokens[token] = PrincipalScope.For(TenantId, "p_" + token[4..12], kind, channel, canAccept);
        }

        return token;
    }

    public InProcessTransport Transport(string token) => new(this, token);

    public PrincipalScope Scope(string token)
    {
        lock (_gate)
        {
            return _tokens.TryGetValue(token, out var s) ? s : throw new SyncTransportException("401 unauthorized") { Status = 401 };
        }
    }

    public PushResult Push(string token, PushRequest request)
    {
        var scope = Scope(token);
        lock (_gate)
        {
            PushCalls++;
            if (request.BatchId is { } replay && _batches.TryGetValue(replay, out var done))
            {
                return new PushResult(new PushResponse { BatchId = done.BatchId, Results = done.Results, Cursor = done.Cursor, Replayed = true });
            }

            var now = UtcMicros.From(Time.GetUtcNow());
            var items = request.Items ?? [];
            if (items.Count > MaxItemsPerRequest)
            {
                return new PushResult(null, 413, null, "request body too large", []);
            }

            var writes = new List<Write>();
            var refusals = new List<Refusal>();
            for (var i = 0; i < items.Count; i++)
            {
                var admission = ItemAdmission.Admit(items[i], i, scope, SchemaPolicy.Default, now);
                refusals.AddRange(admission.Refusals);
                if (admission.Write is { } w)
                {
                    writes.Add(w);
                }
            }

            if (refusals.Count > 0)
            {
                var status = refusals.Any(r => r.IsSecurity) ? 403 : refusals.Any(r => r.Code == RefusalCodes.PayloadTooLarge) ? 413 : 400;
                var errors = refusals.Select(r => new ItemErrorDto { Index = r.Index, Code = r.Code, Field = r.Field, Message = r.Message }).ToList();
                return new PushResult(null, status, refusals[0].Code, refusals[0].Message, errors);
            }

            var response = new PushResponse { BatchId = request.BatchId };
            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                var k = (write.Key.EntityType, write.Key.EntityId);
                var (state, seq) = _entities.TryGetValue(k, out var e) ? e : (new EntityState(write.Key), 0);
                var result = EntityMerger.Apply(state, write, SchemaPolicy.Default);
                if (result.Changed)
                {
                    seq = ++_seq;
                }

                _entities[k] = (state, seq);
                foreach (var c in result.Conflicts)
                {
                    _conflicts.TryAdd(c.Id, new ConflictDto
                    {
                        ConflictId = c.Id,
                        EntityType = c.Key.EntityType,
                        EntityId = c.Key.EntityId,
                        Field = c.Field,
                        Winner = EntityCodec.ToDto(c.Winner),
                        Loser = EntityCodec.ToDto(c.Loser),
                    });
                }

                response.Results.Add(new ItemResultDto
                {
                    Index = i,
                    EntityType = write.Key.EntityType,
                    EntityId = write.Key.EntityId,
                    Outcome = result.Outcome,
                    Version = state.Version,
                    ProposalIds = result.Proposals.Count > 0 ? result.Proposals.Select(p => p.Id).ToList() : null,
                    ConflictIds = result.Conflicts.Count > 0 ? result.Conflicts.Select(c => c.Id).ToList() : null,
                });
            }

            response.Cursor = _seq;
            if (request.BatchId is { } id)
            {
                _batches[id] = response;
            }

            return new PushResult(response);
        }
    }

    public PushResponse PushItems(string token, params SyncItem[] items)
    {
        var result = Push(token, new PushRequest { BatchId = Guid.NewGuid().ToString("N"), Items = [.. items] });
        return result.Response ?? throw new InvalidOperationException($"refused: {result.Code} {result.Detail}");
    }

    public void Plant(string type, string id, TruthLevel level, string origin, string payloadJson, DateTimeOffset? at = null)
    {
        lock (_gate)
        {
            var key = new EntityKey(TenantId, type, id);
            var fields = JsonValues.Parse(payloadJson).EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, JsonValues.ToCompact(p.Value))).ToList();
            var (state, _) = _entities.TryGetValue((type, id), out var e) ? e : (new EntityState(key), 0);
            EntityMerger.Apply(state, new Write(key, new Stamp(level, UtcMicros.From(at ?? Time.GetUtcNow()), origin), fields), SchemaPolicy.Default);
            _entities[(type, id)] = (state, ++_seq);
        }
    }

    public PullResponse Pull(string token, long since, int limit)
    {
        Scope(token);
        lock (_gate)
        {
            if (since != 0 && since < PurgeHorizon)
            {
                throw new ResyncRequiredException();
            }

            var page = _entities.Values.Where(e => e.Seq > since).OrderBy(e => e.Seq).Take(limit + 1).ToList();
            var items = page.Take(limit).Select(e => RoundTrip(EntityCodec.ToHead(e.State))).ToList();
            var next = items.Count > 0 ? page[Math.Min(limit, page.Count) - 1].Seq : since;
            return new PullResponse { Items = items, NextCursor = next, HasMore = page.Count > limit };
        }
    }

    public IReadOnlyList<ConflictDto> Conflicts(string status)
    {
        lock (_gate)
        {
            return _conflicts.Values.Where(c => status == "all" || c.Status == status).Select(c => JsonSerializer.Deserialize(JsonSerializer.Serialize(c, RealignJsonContext.Default.ConflictDto), RealignJsonContext.Default.ConflictDto)!).ToList();
        }
    }

    public ResolveResponse Resolve(string token, ResolveRequest request)
    {
        var scope = Scope(token);
        lock (_gate)
        {
            if (request.ConflictId is not { } id || !_conflicts.TryGetValue(id, out var conflict) || conflict.Status != "open")
            {
                throw new SyncTransportException("404 no such open conflict") { Status = 404 };
            }

            var k = (conflict.EntityType!, conflict.EntityId!);
            var (state, _) = _entities[k];
            var choice = Resolutions.ChooseForConflict(request, conflict.Winner!, conflict.Loser!);
            var by = new Resolver(scope.UserOrigin!, scope.CanAccept, UtcMicros.From(Time.GetUtcNow()));
            EntityMerger.Apply(state, Resolutions.SettleConflict(state, conflict.Field!, choice, by), SchemaPolicy.Default);
            _entities[k] = (state, ++_seq);
            conflict.Status = "resolved";
            conflict.Resolution = choice.Resolution;
            return new ResolveResponse(ItemOutcome.Applied, state.Version, state.Key.EntityType, state.Key.EntityId);
        }
    }

    public EntityState? Entity(string type, string id)
    {
        lock (_gate)
        {
            return _entities.TryGetValue((type, id), out var e) ? EntityCodec.FromHead(RoundTrip(EntityCodec.ToHead(e.State)), TenantId) : null;
        }
    }

    public string Dump()
    {
        lock (_gate)
        {
            return string.Join("\n", _entities.Values.Select(e => JsonSerializer.Serialize(EntityCodec.ToHead(e.State), RealignJsonContext.Default.SyncItem)))
                + string.Join("\n", _conflicts.Values.Select(c => JsonSerializer.Serialize(c, RealignJsonContext.Default.ConflictDto)));
        }
    }

    private static SyncItem RoundTrip(SyncItem head) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(head, RealignJsonContext.Default.SyncItem), RealignJsonContext.Default.SyncItem)!;
}
