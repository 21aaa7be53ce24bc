using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// An <see cref="EicWorld"/> of its own for bursts to one instance and user, so that no other test's keys are live on
/// its instances and its counts of pushes and live keys are its own.
/// </summary>
public class KeySharingWorld : EicWorld
{
}

/// <summary>The same, with an agent that pushes a key for every connection (`eic agent --push-per-connection`).</summary>
public sealed class PushPerConnectionWorld : KeySharingWorld
{
    protected override IReadOnlyList<string> AgentArguments => ["--push-per-connection"];
}

[CollectionDefinition(Name)]
public sealed class KeySharingWorldCollection : ICollectionFixture<KeySharingWorld>
{
    public const string Name = "key sharing world";
}

[CollectionDefinition(Name)]
public sealed class PushPerConnectionWorldCollection : ICollectionFixture<PushPerConnectionWorld>
{
    public const string Name = "push per connection world";
}
