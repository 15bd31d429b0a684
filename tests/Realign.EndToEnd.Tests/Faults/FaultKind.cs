namespace Realign.EndToEnd.Tests.Faults;

public enum FaultKind
{
    Pass,
    DropRequest,
    DropResponseAfterCommit,
    Delay,
    ResetMidBody,
    Status500,
    Status503,
    Status429,
}
