// The vault bench takes a step's CPU time from the counters of this process's ended children: a child of another test
// ending meanwhile would be counted with it. Both benches also measure time on a 2-core machine; one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
