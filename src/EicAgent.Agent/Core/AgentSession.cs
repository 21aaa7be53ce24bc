using EicAgent.Agent.Protocol.Messages;

namespace EicAgent.Agent.Core;

/// <summary>
/// One client connection: who the peer is and what ssh told us with session-bind. The connection loop handles
/// one request at a time, so the state needs no lock.
/// </summary>
public sealed class AgentSession(long connectionId, PeerCredentials peer)
{
    /// <summary>OpenSSH keeps at most this many bindings per connection (AGENT_MAX_SESSION_IDS).</summary>
    public const int MaxBindings = 16;

    private readonly List<SessionBinding> _bindings = [];
    private readonly CancellationTokenSource _closed = new();

    /// <summary>A number for logs that tells connections apart.</summary>
    public long ConnectionId { get; } = connectionId;

    public PeerCredentials Peer { get; } = peer;

    /// <summary>Cancelled once the client's connection has ended: how an extension learns that what it served is over.</summary>
    public CancellationToken Closed => _closed.Token;

    public IReadOnlyList<SessionBinding> Bindings => _bindings;

    /// <summary>True once any hop said it came through a forwarded agent: minted keys are never offered then.</summary>
    public bool IsForwarded => _bindings.Exists(binding => binding.IsForwarding);

    /// <summary>The session this connection authenticates, when its last bind was not a forwarding hop.</summary>
    public byte[]? AuthenticationSessionId => AuthenticationBinding?.SessionId;

    private SessionBinding? AuthenticationBinding => _bindings is [.., { IsForwarding: false } last] ? last : null;

    /// <summary>The minted key this connection has been offered; at most one per connection.</summary>
    internal MintedKey? OfferedMintedKey { get; set; }

    /// <summary>Not disposed: extensions may still read <see cref="Closed"/> afterwards, and a source without a timer holds nothing.</summary>
    internal void Close() => _closed.Cancel();

    /// <summary>
    /// True unless this connection is bound for authentication and the data to sign names another session
    /// or (hostbound method) another server host key.
    /// </summary>
    internal bool MayAuthenticate(UserAuthRequest auth) => AuthenticationBinding is not { } bound
        || (bound.SessionId.AsSpan().SequenceEqual(auth.SessionId)
            && (auth.HostKeyBlob is null || bound.HostKeyBlob.AsSpan().SequenceEqual(auth.HostKeyBlob)));

    /// <summary>
    /// Records a verified binding under OpenSSH's rules: after a binding for authentication nothing more may
    /// be bound; the same session again with the same host key is accepted and not recorded twice; the same
    /// session with another host key is refused. Returns null, or why the binding is refused.
    /// </summary>
    internal string? TryBind(SessionBinding binding)
    {
        foreach (var existing in _bindings)
        {
            if (!existing.IsForwarding)
            {
                return "this connection is already bound to a session for authentication";
            }

            var sameSession = existing.SessionId.AsSpan().SequenceEqual(binding.SessionId);
            if (sameSession && existing.HostKeyBlob.AsSpan().SequenceEqual(binding.HostKeyBlob))
            {
                return null;
            }

            if (sameSession)
            {
                return "this session is already bound to a different host key";
            }
        }

        if (_bindings.Count >= MaxBindings)
        {
            return $"too many session bindings on one connection (at most {MaxBindings})";
        }

        _bindings.Add(binding);
        return null;
    }
}
