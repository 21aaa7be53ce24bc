namespace EicAgent.Agent.Core;

/// <summary>
/// Finds the ssh process a ProxyCommand serves (<see cref="ClientBinding.ForParentOf(PeerCredentials)"/>): the one
/// place connect asks, so unit tests of connect's other decisions can stand in for the process table.
/// </summary>
public class SshClientBinder
{
    /// <exception cref="InvalidOperationException">The proxy's parent cannot be read or is not an ssh client.</exception>
    public virtual ClientBinding ForParentOf(PeerCredentials proxyPeer) => ClientBinding.ForParentOf(proxyPeer);
}
