using EicAgent.Agent.Protocol;
using EicAgent.Aws.Paths;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.Tunnels;

namespace EicAgent.Cli.Connect;

/// <summary>
/// What the ProxyCommand asks of the agent: resolve this host, mint a key for my ssh process, push it for this
/// user, and tell me where to connect.
/// </summary>
internal sealed record ConnectRequest(
    string Host, int Port, string User, string? Profile, string? Region, NetworkPath Path, string? EndpointId = null, int? SerialPort = null)
{
    /// <summary>The order `--via auto` tries the paths in (`--auto-order`); null for <see cref="AutoRoutes.Default"/>.</summary>
    public IReadOnlyList<NetworkPath>? AutoOrder { get; init; }

    /// <summary>The caller's AWS variables: the agent resolves, pushes and presigns with these, never with its own.</summary>
    public AwsContext Context { get; init; } = AwsContext.Empty;

    /// <summary>The code the user typed for the MFA device the agent asked about (see <see cref="ConnectReply.MfaSerial"/>); never logged.</summary>
    public string? MfaCode { get; init; }

    /// <summary>The public key blob to push instead of minting one (`eic proxy --push-key`); null to mint.</summary>
    public byte[]? ExistingKey { get; init; }

    /// <summary>maxTunnelDuration for an endpoint tunnel (`--max-tunnel-duration`); null: none sent, the endpoint's hour.</summary>
    public int? MaxTunnelSeconds { get; init; }

    /// <summary>
    /// The names ssh will check the instance's host key by: the agent writes the keys its console showed under them
    /// into its known_hosts file before it answers (<see cref="HostKeys.AgentKnownHostsFile"/>); empty for none.
    /// </summary>
    public IReadOnlyList<string> KnownHostsNames { get; init; } = [];

    public const string ExtensionName = "connect@eicagent";
    private const int MaxKnownHostsNames = 4;
    private const uint NotSerial = uint.MaxValue;

    /*
     * contents of SSH_AGENTC_EXTENSION "connect@eicagent":
     * string  host, as ssh passes it (%h)
     * uint32  port (%p)
     * string  remote user (%r)
     * string  AWS profile, "" for the default
     * string  AWS region, "" for the default
     * string  path: auto | direct | private | eice | ssm
     * string  EC2 Instance Connect Endpoint id, "" for the VPC's own (optional: absent from older proxies)
     * uint32  n, then n x (string name; string value): the caller's AWS variables (optional: absent from
     *         older proxies, and then the agent uses none of its own -- only the shared files in the home directory)
     * uint32  serial port for the EC2 Serial Console, 0xFFFFFFFF for an ssh connection to the instance (optional)
     * string  the order auto tries paths in, "direct,eice,ssm"; "" for the default (optional)
     * string  MFA code the user typed after the agent asked for one, "" for none (optional)
     * string  public key blob to push instead of a minted key, "" to mint one (optional)
     * uint32  maxTunnelDuration in seconds for an endpoint tunnel, 0 for none (optional)
     * uint32  n (at most 4), then n x string: names to write the host keys under in the agent's known_hosts (optional)
     * Later fields are appended after these, each optional, so that every version reads what older ones send.
     */
    public static ConnectRequest Read(ReadOnlySpan<byte> contents)
    {
        var reader = new SshReader(contents);
        var host = reader.ReadUtf8String();
        var port = reader.ReadUInt32();
        var user = reader.ReadUtf8String();
        var profile = reader.ReadUtf8String();
        var region = reader.ReadUtf8String();
        var pathName = reader.ReadUtf8String();
        var endpointId = reader.AtEnd ? "" : reader.ReadUtf8String();
        var context = AwsContextWire.Read(ref reader);
        var serialPort = reader.AtEnd ? NotSerial : reader.ReadUInt32();
        var autoOrderText = reader.AtEnd ? "" : reader.ReadUtf8String();
        var mfaCode = reader.AtEnd ? "" : reader.ReadUtf8String();
        var existingKey = reader.AtEnd ? [] : reader.ReadString().ToArray();
        var maxTunnelSeconds = reader.AtEnd ? 0 : reader.ReadUInt32();
        var knownHostsNames = reader.AtEnd ? [] : ReadKnownHostsNames(ref reader);
        reader.EnsureAtEnd();
        if (port is 0 or > ushort.MaxValue)
        {
            throw new AgentProtocolException($"port {port} is not a TCP port");
        }

        if (!NetworkPaths.TryParse(pathName, out var path))
        {
            throw new AgentProtocolException($"unknown path {pathName}");
        }

        if (!AutoRoutes.TryParse(autoOrderText, out var autoOrder))
        {
            throw new AgentProtocolException($"unknown auto order {autoOrderText}");
        }

        if (maxTunnelSeconds != 0 && !TunnelUrlPresigner.IsValidDuration((int)Math.Min(maxTunnelSeconds, int.MaxValue)))
        {
            throw new AgentProtocolException($"maxTunnelDuration {maxTunnelSeconds} is not 1 to 3600 seconds");
        }

        if (serialPort != NotSerial && serialPort > 99)
        {
            throw new AgentProtocolException($"serial port {serialPort} is out of range");
        }

        return new ConnectRequest(host, (int)port, user, NullIfEmpty(profile), NullIfEmpty(region), path, NullIfEmpty(endpointId),
            serialPort == NotSerial ? null : (int)serialPort)
        {
            Context = context,
            AutoOrder = autoOrderText.Length == 0 ? null : autoOrder,
            MfaCode = NullIfEmpty(mfaCode),
            ExistingKey = existingKey.Length == 0 ? null : existingKey,
            MaxTunnelSeconds = maxTunnelSeconds == 0 ? null : (int)maxTunnelSeconds,
            KnownHostsNames = knownHostsNames,
        };
    }

    private static IReadOnlyList<string> ReadKnownHostsNames(ref SshReader reader)
    {
        var count = reader.ReadUInt32();
        if (count > MaxKnownHostsNames)
        {
            throw new AgentProtocolException($"{count} known_hosts names, more than {MaxKnownHostsNames}");
        }

        var names = new List<string>((int)count);
        for (var i = 0; i < count; i++)
        {
            names.Add(reader.ReadUtf8String());
        }

        return names;
    }

    public byte[] Write()
    {
        using var writer = new SshWriter();
        writer.WriteString(Host);
        writer.WriteUInt32((uint)Port);
        writer.WriteString(User);
        writer.WriteString(Profile ?? "");
        writer.WriteString(Region ?? "");
        writer.WriteString(NetworkPaths.Name(Path));
        writer.WriteString(EndpointId ?? "");
        AwsContextWire.Write(writer, Context);
        writer.WriteUInt32(SerialPort is { } serialPort ? (uint)serialPort : NotSerial);
        writer.WriteString(AutoOrder is null ? "" : AutoRoutes.Name(AutoOrder));
        writer.WriteString(MfaCode ?? "");
        writer.WriteString(ExistingKey ?? []);
        writer.WriteUInt32((uint)(MaxTunnelSeconds ?? 0));
        if (KnownHostsNames.Count > 0)
        {
            writer.WriteUInt32((uint)KnownHostsNames.Count);
            foreach (var name in KnownHostsNames)
            {
                writer.WriteString(name);
            }
        }

        return writer.ToArray();
    }

    /// <summary>Without the AWS variables and the MFA code: they may hold secrets.</summary>
    public override string ToString() => $"connect {Host}:{Port} as {User}";

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
