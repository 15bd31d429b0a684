using Realign.Core.Merge;

namespace Realign.Core.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void UserWrite_OnEmptyEntity_IsApplied()
    {
        var state = new EntityState(W.Note);
        var result = EntityMerger.Apply(state, W.User(1, ("title", "\"a\"")), SchemaPolicy.Default);
        Assert.Equal(ItemOutcome.Applied, result.Outcome);
        Assert.Equal("\"a\"", W.Value(state, "title"));
        Assert.Equal(1, state.Version);
    }
}
