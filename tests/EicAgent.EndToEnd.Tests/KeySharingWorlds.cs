using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// An <see cref="EicWorld"/> of its own for bursts to one instance and user, so that no other test's keys are live on
/// its instances and its counts of pushes and live keys are its own.
/// </summary>
public class KeySharingWorld : EicWorld
{
    // 40 ssh, 40 proxies and 40 KnownHostsCommands started at once on a 2-core machine that other builds load (load
    // average above 100 seen) can take longer than sshd's default 2 minutes to get through the key exchange: that
    // measures the machine, not key sharing, whose keys are pushed again for as long as those logins wait.
    protected override TimeSpan? LoginGraceTime => TimeSpan.FromMinutes(10);
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
