namespace EicAgent.Agent.Core;

/// <summary>A way to give a minted key to its ssh process other than the agent's offer (<see cref="KeyFiles.KeyFileHandover"/>).</summary>
public interface IMintedKeyHandover
{
    /// <summary>
    /// True when the ssh process on the other end of <paramref name="session"/> takes <paramref name="key"/> this way
    /// (the agent then offers it nothing); false to offer the key as usual. Called once the key's push is done.
    /// </summary>
    ValueTask<bool> TryHandOverAsync(MintedKey key, AgentSession session, CancellationToken cancellationToken);
}
