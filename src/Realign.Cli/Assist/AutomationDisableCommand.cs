namespace Realign.Cli.Assist;

/// <summary><c>realign automation disable ID</c>.</summary>
internal sealed class AutomationDisableCommand : AutomationEnableCommand
{
    protected override bool Enable => false;
}
