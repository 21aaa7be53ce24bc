namespace EicAgent.Agent.Protocol.Messages;

/// <summary>One host key a hop is known by, or (IsAuthority) a CA whose host certificates name the hop.</summary>
public sealed record HopKey(byte[] KeyBlob, bool IsAuthority);

/// <summary>One end of a permitted hop: an optional user pattern, a host name, and the keys that host may present.</summary>
public sealed record DestinationHop(string? User, string? Hostname, IReadOnlyList<HopKey> Keys)
{
    /*
     * string  user ("" for none)
     * string  hostname ("" for the origin)
     * string  reserved (must be empty)
     * zero or more, until the end:
     *   string  host key blob
     *   bool    is a certificate authority
     */
    internal static DestinationHop Read(ReadOnlySpan<byte> contents)
    {
        var reader = new SshReader(contents);
        var user = reader.ReadUtf8String();
        var hostname = reader.ReadUtf8String();
        if (!reader.ReadString().IsEmpty)
        {
            AgentProtocolException.Throw("destination constraint hop has extensions, which are not supported");
        }

        var keys = new List<HopKey>();
        while (!reader.AtEnd)
        {
            keys.Add(new HopKey(reader.ReadString().ToArray(), reader.ReadBoolean()));
        }

        return new DestinationHop(user.Length == 0 ? null : user, hostname.Length == 0 ? null : hostname, keys);
    }

    internal void WriteTo(SshWriter writer)
    {
        var start = writer.BeginString();
        writer.WriteString(User ?? "");
        writer.WriteString(Hostname ?? "");
        writer.WriteString(ReadOnlySpan<byte>.Empty);
        foreach (var key in Keys)
        {
            writer.WriteString(key.KeyBlob);
            writer.WriteBoolean(key.IsAuthority);
        }

        writer.EndString(start);
    }
}

/// <summary>
/// `ssh-add -h [from>]to`: the key may be used from one hop (or the origin) to the next. The constraint extension
/// `restrict-destination-v00@openssh.com`, PROTOCOL.agent section 3.
/// </summary>
public sealed record DestinationConstraint(DestinationHop From, DestinationHop To)
{
    public const string ExtensionName = "restrict-destination-v00@openssh.com";

    /// <summary>OpenSSH's agent takes at most this many (AGENT_MAX_DEST_CONSTRAINTS).</summary>
    public const int MaxPerKey = 1024;

    /*
     * the extension's data: string (zero or more of:)
     *   string  (string from-hop; string to-hop; string reserved)
     */
    internal static IReadOnlyList<DestinationConstraint> ReadAll(ReadOnlySpan<byte> data)
    {
        var reader = new SshReader(data);
        var constraints = new List<DestinationConstraint>();
        while (!reader.AtEnd)
        {
            if (constraints.Count >= MaxPerKey)
            {
                AgentProtocolException.Throw($"more than {MaxPerKey} destination constraints");
            }

            var one = new SshReader(reader.ReadString());
            var from = DestinationHop.Read(one.ReadString());
            var to = DestinationHop.Read(one.ReadString());
            if (!one.ReadString().IsEmpty)
            {
                AgentProtocolException.Throw("destination constraint has extensions, which are not supported");
            }

            one.EnsureAtEnd();
            if ((from.Hostname is null) != (from.Keys.Count == 0) || from.User is not null)
            {
                AgentProtocolException.Throw("inconsistent \"from\" of a destination constraint");
            }

            if (to.Hostname is null || to.Keys.Count == 0)
            {
                AgentProtocolException.Throw("incomplete \"to\" of a destination constraint");
            }

            constraints.Add(new DestinationConstraint(from, to));
        }

        return constraints;
    }

    internal static void WriteAll(SshWriter writer, IReadOnlyList<DestinationConstraint> constraints)
    {
        var all = writer.BeginString();
        foreach (var constraint in constraints)
        {
            var one = writer.BeginString();
            constraint.From.WriteTo(writer);
            constraint.To.WriteTo(writer);
            writer.WriteString(ReadOnlySpan<byte>.Empty);
            writer.EndString(one);
        }

        writer.EndString(all);
    }
}
