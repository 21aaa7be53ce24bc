namespace EicAgent.Simulator.SerialConsole;

/// <summary>
/// The account's EC2 Serial Console: whether access is enabled (off, as in a new AWS account, until
/// EnableSerialConsoleAccess), the one session each instance may have, and a refusal a test can set.
/// </summary>
public sealed class SimulatedSerialConsole
{
    private readonly object _gate = new();
    private readonly HashSet<string> _sessions = [];
    private volatile bool _accessEnabled;

    /// <summary>What EnableSerialConsoleAccess / DisableSerialConsoleAccess set and GetSerialConsoleAccessStatus reads.</summary>
    public bool AccessEnabled
    {
        get => _accessEnabled;
        set => _accessEnabled = value;
    }

    /// <summary>The serial console endpoint's address and port (where `ssh INSTANCE.port0@...` connects); null when not running.</summary>
    public string? EndpointAddress { get; internal set; }

    public int EndpointPort { get; internal set; }

    /// <summary>The endpoint's sshd host key ("ssh-ed25519 AAAA..."), standing in for the key AWS publishes a fingerprint of.</summary>
    public string? HostPublicKey { get; internal set; }

    /// <summary>Whether a serial console session to the instance is open now.</summary>
    public bool HasSession(string instanceId)
    {
        lock (_gate)
        {
            return _sessions.Contains(instanceId);
        }
    }

    /// <summary>
    /// While set, every SendSerialConsoleSSHPublicKey (to a Nitro instance of an enabled account) fails with this error:
    /// a standing condition, since SDKs retry a 500 and a one-off fault would not be seen.
    /// </summary>
    public SerialConsoleRefusal? Refusal { get; set; }

    /// <summary>Claims the instance's one session; null when another is open. Dispose the claim when the session ends.</summary>
    internal IDisposable? TryOpenSession(string instanceId)
    {
        lock (_gate)
        {
            return _sessions.Add(instanceId) ? new SessionClaim(this, instanceId) : null;
        }
    }

    private void Close(string instanceId)
    {
        lock (_gate)
        {
            _sessions.Remove(instanceId);
        }
    }

    private sealed class SessionClaim(SimulatedSerialConsole console, string instanceId) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                console.Close(instanceId);
            }
        }
    }
}

/// <summary>Serial console errors a test can make the next push answer with (the others follow from the state).</summary>
public enum SerialConsoleRefusal
{
    /// <summary>SerialConsoleSessionUnavailableException: the service cannot start a session now.</summary>
    Unavailable,

    /// <summary>SerialConsoleSessionUnsupportedException: the instance (its firmware) cannot have one.</summary>
    Unsupported,
}
