using BenchmarkDotNet.Attributes;
using Realign.Core.Merge;
using Realign.Core.Truth;

namespace Realign.Bench;

/// <summary>Register merges per second: a realistic mix of levels, times and fields into existing entities.</summary>
[MemoryDiagnoser]
public class MergeBenchmarks
{
    public const int Entities = 1_000;
    public const int WritesPerEntity = 8;
    public const int FieldsPerWrite = 6;

    /// <summary>One write merges <see cref="FieldsPerWrite"/> payload registers plus the deleted register.</summary>
    public const int RegistersPerRun = Entities * WritesPerEntity * (FieldsPerWrite + 1);

    private Write[] _writes = [];
    private EntityKey[] _keys = [];
    private int[] _targets = [];

    [GlobalSetup]
    public void Setup()
    {
        (_keys, _writes) = Workload.Build(seed: 42);
        _targets = _writes.Select(w => Workload.IndexOf(w.Key)).ToArray();
    }

    [Benchmark(OperationsPerInvoke = RegistersPerRun)]
    public int MergeRegisters()
    {
        var states = new EntityState[_keys.Length];
        for (var i = 0; i < states.Length; i++)
        {
            states[i] = new EntityState(_keys[i]);
        }

        var changed = 0;
        for (var w = 0; w < _writes.Length; w++)
        {
            var write = _writes[w];
            var state = states[_targets[w]];
            if (EntityMerger.Apply(state, write, SchemaPolicy.Default).Changed)
            {
                changed++;
            }
        }

        return changed;
    }

    [Benchmark(OperationsPerInvoke = 1_000_000)]
    public int FieldRegisterOnly()
    {
        var field = new FieldState(FieldClass.Content);
        var wins = 0;
        for (var i = 0; i < 1_000_000; i++)
        {
            var level = (TruthLevel)(1 + (i % 5));
            var register = new Register("\"v\"", new Stamp(level, i, Workload.Origins[(int)level - 1]));
            if (field.Merge(register) == FieldMerge.Applied)
            {
                wins++;
            }
        }

        return wins;
    }
}
