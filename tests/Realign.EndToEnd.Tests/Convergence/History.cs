using System.Text.Json.Nodes;
using Realign.Core.Merge;
using Realign.EndToEnd.Tests.Harness;

namespace Realign.EndToEnd.Tests.Convergence;

public sealed class History(int seed, IReadOnlyList<Replica> replicas, Api api)
{
    private static readonly string[] Ids = ["e1", "e2", "e3"];
    private static readonly string[] Fields = ["title", "body", "n"];
    private static readonly string[] Values = ["\"a\"", "\"b\"", "\"c\"", "1", "2", "null", "{\"x\":1}", "[1,2]", "true"];
    private readonly Random _random = new(seed);
    private int _batches;

    public int Requests { get; private set; }

    public async Task RunAsync(int steps)
    {
        for (var step = 0; step < steps; step++)
        {
            var index = _random.Next(replicas.Count);
            var replica = replicas[index];
            var actor = Actor.All[index];
            var roll = _random.Next(100);
            if (roll < 45)
            {
                Write(replica, actor);
            }
            else if (roll < 52)
            {
                Delete(replica, actor);
            }
            else if (roll < 60 && actor.CanAccept)
            {
                Answer(replica, actor);
            }
            else if (roll < 82)
            {
                await PushWithFaultsAsync(replica);
            }
            else
            {
                Requests++;
                if (_random.Next(10) > 0)
                {
                    await replica.PullAllAsync(api);
                }
            }
        }
    }

    private string NextBatchId() => $"h{seed}-b{_batches++}";

    private JsonObject Item(Actor actor, string id)
    {
        var (level, origin) = actor.Writes[_random.Next(actor.Writes.Length)];
        return Wire.Item(id, level, origin, _random.Next(0, 40), "{}");
    }

    private void Write(Replica replica, Actor actor)
    {
        var id = Ids[_random.Next(Ids.Length)];
        var item = Item(actor, id);
        var payload = new JsonObject();
        foreach (var field in Fields.Where(_ => _random.Next(2) == 0).DefaultIfEmpty(Fields[0]))
        {
            payload[field] = JsonNode.Parse(Values[_random.Next(Values.Length)]);
        }

        item["payload"] = payload;
        if (replica.Find("note", id) is { } state && _random.Next(3) > 0)
        {
            item["base_version"] = Math.Max(0, state.Version - _random.Next(2));
        }

        replica.Write(NextBatchId(), item);
    }

    private void Delete(Replica replica, Actor actor)
    {
        var item = Item(actor, Ids[_random.Next(Ids.Length)]).With("deleted", true);
        item.Remove("payload");
        replica.Write(NextBatchId(), item);
    }

    private void Answer(Replica replica, Actor actor)
    {
        var pending = replica.States.Values.SelectMany(s => s.PendingProposals()).Where(p => p.Field != EntityState.DeletedField).ToList();
        if (pending.Count == 0)
        {
            Write(replica, actor);
            return;
        }

        var proposal = pending[_random.Next(pending.Count)];
        var payload = new JsonObject();
        JsonObject item;
        if (_random.Next(2) == 0)
        {
            payload[proposal.Field] = JsonNode.Parse(proposal.Proposed.Value);
            item = Wire.Item(proposal.Key.EntityId, (int)proposal.Proposed.Stamp.Level, proposal.Proposed.Stamp.Origin, _random.Next(0, 40), "{}").With("accepted_by_user", true);
        }
        else
        {
            payload[proposal.Field] = JsonNode.Parse(proposal.Current.Value);
            item = Wire.Item(proposal.Key.EntityId, 1, "user:" + actor.Channel, _random.Next(20, 45), "{}");
        }

        item["payload"] = payload;
        replica.Write(NextBatchId(), item);
    }

    private async Task PushWithFaultsAsync(Replica replica)
    {
        foreach (var batch in replica.Outbox.ToList())
        {
            var fault = _random.Next(100);
            if (fault < 15)
            {
                continue;
            }

            Requests++;
            if (fault < 30)
            {
                await api.PushAsync(replica.Token, batch.Body);
                continue;
            }

            if (fault < 40)
            {
                Requests++;
                await api.PushAsync(replica.Token, batch.Body);
            }

            await replica.PushAsync(api, batch);
        }
    }

    public async Task QuietSyncAsync()
    {
        foreach (var replica in replicas)
        {
            for (var attempt = 0; replica.Outbox.Count > 0; attempt++)
            {
                Assert.True(attempt < 5, $"seed {seed}: {replica.Name} outbox does not drain");
                Requests += replica.Outbox.Count;
                await replica.DrainAsync(api);
            }
        }

        foreach (var replica in replicas)
        {
            Requests++;
            Assert.True(await replica.PullAllAsync(api), $"seed {seed}: {replica.Name} pull failed");
        }
    }

    public static Dictionary<(string, string), EntityState> Model(string tenantId, IEnumerable<Write> writes)
    {
        var model = new Dictionary<(string, string), EntityState>();
        foreach (var write in writes)
        {
            var key = (write.Key.EntityType, write.Key.EntityId);
            if (!model.TryGetValue(key, out var state))
            {
                model[key] = state = new EntityState(new EntityKey(tenantId, write.Key.EntityType, write.Key.EntityId));
            }

            EntityMerger.Apply(state, write, SchemaPolicy.Default);
        }

        return model;
    }
}
