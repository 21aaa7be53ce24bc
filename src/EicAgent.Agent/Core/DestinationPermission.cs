using EicAgent.Agent.Keys;
using EicAgent.Agent.Protocol.Messages;

namespace EicAgent.Agent.Core;

/// <summary>
/// Whether a key added with `ssh-add -h` may be seen or used on a connection, judged as OpenSSH's agent does:
/// every hop the connection's session-binds record (origin > first host > ... > last host) must be allowed by
/// one of the key's constraints; only the last hop may be the one authenticated (and the user checked there);
/// and a connection that is itself forwarded sees the key only if it may go further from there.
/// </summary>
internal static class DestinationPermission
{
    /// <summary>Null when permitted, else why not. <paramref name="user"/> is given for a signature, null for a listing.</summary>
    public static string? Check(IReadOnlyList<DestinationConstraint> constraints, IReadOnlyList<SessionBinding> bindings, string? user, DateTimeOffset now)
    {
        if (constraints.Count == 0 || bindings.Count == 0)
        {
            return null; // unconstrained, or used locally (ssh-add -l, -T)
        }

        byte[]? from = null;
        for (var hop = 0; hop < bindings.Count; hop++)
        {
            var binding = bindings[hop];
            var last = hop == bindings.Count - 1;
            if (last && binding.IsForwarding && user is not null)
            {
                return "asked to sign on a connection whose last hop is a forwarding";
            }

            if (!last && !binding.IsForwarding)
            {
                return "a hop before the last was bound for authentication, not forwarding";
            }

            if (!Permits(constraints, from, binding.HostKeyBlob, last ? user : null, now))
            {
                return $"hop {hop + 1} (host key {SshPublicKey.Fingerprint(binding.HostKeyBlob)}) is not among the key's permitted destinations";
            }

            from = binding.HostKeyBlob;
        }

        // A forwarded agent lists a key only if it could be used beyond the host it was forwarded to.
        return bindings[^1] is { IsForwarding: true } forwarded && user is null && !Permits(constraints, forwarded.HostKeyBlob, null, null, now)
            ? "permitted up to this host but not beyond it"
            : null;
    }

    /// <summary>
    /// For a signature with a destination-constrained key: only a user authentication for the session most
    /// recently bound on this connection, whose hops are all permitted (null when allowed, else why not).
    /// </summary>
    public static string? CheckSignature(UserIdentity identity, AgentSession session, ReadOnlySpan<byte> data, DateTimeOffset now)
    {
        var bindings = session.Bindings;
        if (bindings.Count == 0)
        {
            return "a destination-constrained key signs only on a connection bound with session-bind";
        }

        if (!UserAuthRequest.TryRead(data, out var auth) || auth.Service != "ssh-connection"
            || !auth.PublicKeyBlob.AsSpan().SequenceEqual(identity.Key.PublicKeyBlob))
        {
            return "a destination-constrained key signs only user authentication requests for itself";
        }

        if (Check(identity.Destinations, bindings, auth.User, now) is { } refused)
        {
            return refused;
        }

        var last = bindings[^1];
        if (!last.SessionId.AsSpan().SequenceEqual(auth.SessionId))
        {
            return "the data to sign is for another session than the one bound last";
        }

        if (bindings.Count > 1 && auth.HostKeyBlob is null)
        {
            return "a forwarded connection must name the host key in what it signs";
        }

        return auth.HostKeyBlob is not null && !last.HostKeyBlob.AsSpan().SequenceEqual(auth.HostKeyBlob)
            ? "the host key in the data to sign is not the one bound last"
            : null;
    }

    private static bool Permits(IReadOnlyList<DestinationConstraint> constraints, byte[]? from, byte[]? to, string? user, DateTimeOffset now) =>
        constraints.Any(constraint =>
            (from is null ? constraint.From.Hostname is null && constraint.From.Keys.Count == 0 : MatchesHop(from, constraint.From, now))
            && (to is null || MatchesHop(to, constraint.To, now))
            && (constraint.To.User is null || user is null || SshPattern.Matches(user, constraint.To.User)));

    /// <summary>A plain host key must be one of the hop's keys; a host certificate must be signed by one of its authorities and name the hop.</summary>
    private static bool MatchesHop(byte[] hostKey, DestinationHop hop, DateTimeOffset now)
    {
        if (!SshCertificate.IsCertificate(hostKey))
        {
            return hop.Keys.Any(key => !key.IsAuthority && key.KeyBlob.AsSpan().SequenceEqual(hostKey));
        }

        var certificate = SshCertificate.Parse(hostKey);
        return hop.Keys.Any(key => key.IsAuthority
            && key.KeyBlob.AsSpan().SequenceEqual(certificate.AuthorityKeyBlob)
            && certificate.RefusesHost(hop.Hostname ?? "(ORIGIN)", now) is null);
    }
}
