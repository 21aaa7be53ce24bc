namespace EicAgent.Agent.Core;

/// <summary>
/// Counts the connections being served, in total and per peer process, and says whether one more may come in
/// (<see cref="AgentServerOptions.MaxConnections"/>, <see cref="AgentServerOptions.MaxConnectionsPerProcess"/>).
/// </summary>
internal sealed class ConnectionAdmission(AgentServerOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, int> _perProcess = [];
    private int _total;

    /// <summary>Null when admitted (then <see cref="Leave"/> must follow), else why not.</summary>
    public string? TryEnter(PeerCredentials peer)
    {
        lock (_gate)
        {
            if (_total >= options.MaxConnections)
            {
                return $"{_total} connections are open, the most this agent serves at once";
            }

            var fromProcess = peer.ProcessId is { } pid ? _perProcess.GetValueOrDefault(pid) : 0;
            if (fromProcess >= options.MaxConnectionsPerProcess)
            {
                return $"process {peer.ProcessId} already holds {fromProcess} connections, the most one process may hold";
            }

            _total++;
            if (peer.ProcessId is { } id)
            {
                _perProcess[id] = fromProcess + 1;
            }

            return null;
        }
    }

    public void Leave(PeerCredentials peer)
    {
        lock (_gate)
        {
            _total--;
            if (peer.ProcessId is { } pid && _perProcess.TryGetValue(pid, out var count))
            {
                if (count <= 1)
                {
                    _perProcess.Remove(pid);
                }
                else
                {
                    _perProcess[pid] = count - 1;
                }
            }
        }
    }
}
