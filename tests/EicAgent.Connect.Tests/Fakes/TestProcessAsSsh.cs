using EicAgent.Agent.Core;

namespace EicAgent.Connect.Tests.Fakes;

/// <summary>The test process stands in for the ssh that started the proxy (a real one is checked end to end).</summary>
internal sealed class TestProcessAsSsh : SshClientBinder
{
    public override ClientBinding ForParentOf(PeerCredentials proxyPeer) => ClientBinding.ForProcess(Environment.ProcessId);
}
