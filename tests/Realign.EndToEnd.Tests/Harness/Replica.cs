using System.Text.Json;
using System.Text.Json.Nodes;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;

namespace Realign.EndToEnd.Tests.Harness;

public sealed class Replica(string name, string tenantId, string token, PrincipalScope scope)
{
    private readonly Dictionary<(string, string), EntityState> _states = [];
    private readonly List<OutboxBatch> _outbox = [];
    private readonly List<OutboxBatch> _written = [];

    public string Name => name;

    public string Token => token;

    public PrincipalScope Scope => scope;

    public long Cursor { get; set; }

    public IReadOnlyList<OutboxBatch> Outbox => _outbox;

    public IReadOnlyList<OutboxBatch> Written => _written;

    public IReadOnlyDictionary<(string, string), EntityState> States => _states;

    public EntityState? Find(string type, string id) => _states.GetValueOrDefault((type, id));

    public OutboxBatch Write(string batchId, params JsonObject[] items)
    {
        var writes = new List<Write>();
        for (var i = 0; i < items.Length; i++)
        {
            var item = JsonSerializer.Deserialize(items[i].ToJsonString(), RealignJsonContext.Default.SyncItem)!;
            var admission = ItemAdmission.Admit(item, i, scope, SchemaPolicy.Default, long.MaxValue / 2);
            var write = admission.Write ?? throw new InvalidOperationException($"{name} generated a refused item: {string.Join("; ", admission.Refusals.Select(r => r.Code + " " + r.Message))}");
            writes.Add(write);
            var key = (write.Key.EntityType, write.Key.EntityId);
            if (!_states.TryGetValue(key, out var state))
            {
                _states[key] = state = new EntityState(new EntityKey(tenantId, write.Key.EntityType, write.Key.EntityId));
            }

            EntityMerger.Apply(state, write with { Key = state.Key }, SchemaPolicy.Default);
        }

        var batch = new OutboxBatch(batchId, Wire.Batch(batchId, items), writes);
        _outbox.Add(batch);
        _written.Add(batch);
        return batch;
    }

    public void Acknowledge(OutboxBatch batch) => _outbox.Remove(batch);

    public void Reset()
    {
        _states.Clear();
        Cursor = 0;
    }

    public void Apply(SyncItem head)
    {
        var remote = EntityCodec.FromHead(head, tenantId);
        var key = (remote.Key.EntityType, remote.Key.EntityId);
        if (!_states.TryGetValue(key, out var local))
        {
            _states[key] = local = new EntityState(remote.Key);
        }

        EntityMerger.Join(local, remote);
        local.Version = Math.Max(local.Version, remote.Version);
    }

    public string Checksum() => ReplicaChecksum.Compute(_states.Values);

    public void Corrupt(Write write) => EntityMerger.Apply(_states[(write.Key.EntityType, write.Key.EntityId)], write, SchemaPolicy.Default);

    public void Forget(string type, string id) => _states.Remove((type, id));

    public async Task<bool> VerifyOrResyncAsync(Api api)
    {
        var reply = await api.GetAsync("/sync/checksum", token);
        var json = reply.Json;
        if (json.GetProperty("cursor").GetInt64() != Cursor || json.GetProperty("checksum").GetString() == Checksum())
        {
            return true;
        }

        Reset();
        await PullAllAsync(api);
        return false;
    }

    public async Task<bool> PullAllAsync(Api api, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Reply reply;
            try
            {
                reply = await api.SendAsync(HttpMethod.Get, $"/sync/pull?since={Cursor}&limit=200", token, cancellationToken: cancellationToken);
            }
            catch (HttpRequestException)
            {
                return false;
            }

            if (reply.Status != 200)
            {
                return false;
            }

            PullResponse page;
            try
            {
                page = JsonSerializer.Deserialize(reply.Body, RealignJsonContext.Default.PullResponse)!;
            }
            catch (JsonException)
            {
                return false;
            }

            foreach (var head in page.Items)
            {
                Apply(head);
            }

            Cursor = page.NextCursor;
            if (!page.HasMore)
            {
                return true;
            }
        }
    }

    public async Task<PushResponse?> PushAsync(Api api, OutboxBatch batch, CancellationToken cancellationToken = default)
    {
        Reply reply;
        try
        {
            reply = await api.SendAsync(HttpMethod.Post, "/sync/push", token, System.Text.Encoding.UTF8.GetBytes(batch.Body), cancellationToken: cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }

        if (reply.Status is 400 or 403 or 413)
        {
            throw new InvalidOperationException($"{name}: batch {batch.BatchId} refused: {reply.Body}");
        }

        if (reply.Status != 200)
        {
            return null;
        }

        try
        {
            var response = JsonSerializer.Deserialize(reply.Body, RealignJsonContext.Default.PushResponse)!;
            Acknowledge(batch);
            return response;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task DrainAsync(Api api, CancellationToken cancellationToken = default)
    {
        foreach (var batch in _outbox.ToList())
        {
            await PushAsync(api, batch, cancellationToken);
        }
    }
}
