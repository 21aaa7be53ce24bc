using EicAgent.Cli.HostKeys;

namespace EicAgent.Connect.Tests.Fakes;

/// <summary>The agent's known_hosts writer for tests: none at all, or one in a test's own directory.</summary>
internal static class HostKeyPublishers
{
    /// <summary>Writes nothing, as where the agent listens on a named pipe.</summary>
    public static HostKeyPublisher None() => new(new InstanceHostKeys(new HostKeyCache(Path.Combine(Path.GetTempPath(), "eic-unused-host-keys"))), new AgentKnownHostsFile(null));

    /// <summary>known_hosts, and the console key cache under host-keys, in <paramref name="directory"/>.</summary>
    public static HostKeyPublisher In(string directory) =>
        new(new InstanceHostKeys(new HostKeyCache(Path.Combine(directory, "host-keys"))), new AgentKnownHostsFile(Path.Combine(directory, AgentKnownHostsFile.FileName)));
}
