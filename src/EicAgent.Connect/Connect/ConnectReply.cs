using EicAgent.Agent.Protocol;
using EicAgent.Aws.Paths;
using EicAgent.Aws.Tls;

namespace EicAgent.Cli.Connect;

/// <summary>The agent's answer to <see cref="ConnectRequest"/>: where to connect, or why not (one line for the user).</summary>
internal sealed record ConnectReply(string? InstanceId, Route? Route, string? Refusal)
{
    private const byte GoTcp = 0;
    private const byte Refused = 1;
    private const byte GoWebSocket = 2;
    private const byte GoSessionManager = 3;
    private const byte NeedsMfaCode = 4;

    /// <summary>The MFA device whose code the agent needs before it can connect: ask the user, then connect again with it.</summary>
    public string? MfaSerial { get; init; }

    /// <summary>Why ssh will not find the instance's host keys in the agent's known_hosts file (one line for the user); null when it will, or was not asked.</summary>
    public string? HostKeyNote { get; init; }

    public static ConnectReply To(string instanceId, Route route, string? hostKeyNote = null) => new(instanceId, route, null) { HostKeyNote = hostKeyNote };

    public static ConnectReply Refuse(string reason) => new(null, null, reason);

    public static ConnectReply AskForMfaCode(string serial, string reason) => new(null, null, reason) { MfaSerial = serial };

    /*
     * SSH_AGENT_SUCCESS (6), then
     * byte    0 = go over TCP:       string instance id; string address; uint32 port
     *         1 = refused:           string reason, one line for the user
     *         2 = go over websocket: string instance id; string presigned wss:// openTunnel URL (valid 60 s);
     *                                string endpoint DNS name (TLS server name and Host)
     *         3 = go through Session Manager: string instance id; string session id; string stream URL (wss://);
     *                                string token value (opens the data channel once)
     *         4 = needs an MFA code: string the MFA device's serial (mfa_serial); string the reason, one line
     * after 2 and 3, optional:       string the CA bundle (full path) the websocket trusts instead of the system's CAs;
     *                                string where it was set ("AWS_CA_BUNDLE=PATH", "ca_bundle = PATH of profile P")
     * The bundle is the agent's scope's, so the proxy trusts what the agent's AWS calls trust. Absent when the scope
     * has none (the caller set no AWS_CA_BUNDLE and the profile no ca_bundle) or the agent is older: the proxy then
     * trusts its own AWS_CA_BUNDLE, which is unset in the first case and what older agents relied on in the second.
     * When a host key note follows, a missing bundle is written as "" "".
     * after 0, 2 and 3, optional:    string why ssh will not find the host keys in the agent's known_hosts file
     */
    public AgentMessage ToMessage() => AgentMessage.Create(AgentMessageType.Success, writer =>
    {
        switch (Route)
        {
            case null when MfaSerial is not null:
                writer.WriteByte(NeedsMfaCode);
                writer.WriteString(MfaSerial);
                writer.WriteString(Refusal!);
                break;
            case null:
                writer.WriteByte(Refused);
                writer.WriteString(Refusal!);
                break;
            case TcpRoute tcp:
                writer.WriteByte(GoTcp);
                writer.WriteString(InstanceId!);
                writer.WriteString(tcp.Address);
                writer.WriteUInt32((uint)tcp.Port);
                WriteHostKeyNote(writer);
                break;
            case WebSocketRoute webSocket:
                writer.WriteByte(GoWebSocket);
                writer.WriteString(InstanceId!);
                writer.WriteString(webSocket.Url.AbsoluteUri);
                writer.WriteString(webSocket.EndpointDnsName);
                WriteCaBundle(writer, webSocket.CaBundle);
                WriteHostKeyNote(writer);
                break;
            case SessionManagerRoute session:
                writer.WriteByte(GoSessionManager);
                writer.WriteString(InstanceId!);
                writer.WriteString(session.SessionId);
                writer.WriteString(session.StreamUrl.AbsoluteUri);
                writer.WriteString(session.TokenValue);
                WriteCaBundle(writer, session.CaBundle);
                WriteHostKeyNote(writer);
                break;
            default:
                throw new InvalidOperationException($"no wire form for {Route.GetType().Name}");
        }
    });

    public static ConnectReply Read(AgentMessage message)
    {
        ExtensionReply.EnsureSuccess(message, ConnectRequest.ExtensionName);
        var reader = new SshReader(message.Body);
        var outcome = reader.ReadByte();
        ConnectReply reply = outcome switch
        {
            GoTcp => To(reader.ReadUtf8String(), new TcpRoute(reader.ReadUtf8String(), (int)reader.ReadUInt32()), ReadHostKeyNote(ref reader)),
            Refused => Refuse(reader.ReadUtf8String()),
            NeedsMfaCode => AskForMfaCode(reader.ReadUtf8String(), reader.ReadUtf8String()),
            GoWebSocket => To(
                reader.ReadUtf8String(), new WebSocketRoute(ReadWssUrl(ref reader), reader.ReadUtf8String()) { CaBundle = ReadCaBundle(ref reader) }, ReadHostKeyNote(ref reader)),
            GoSessionManager => To(reader.ReadUtf8String(), ReadSessionManagerRoute(ref reader), ReadHostKeyNote(ref reader)),
            _ => throw new AgentProtocolException($"unknown connect outcome {outcome}"),
        };
        reader.EnsureAtEnd();
        return reply;
    }

    private static SessionManagerRoute ReadSessionManagerRoute(ref SshReader reader)
    {
        var sessionId = reader.ReadUtf8String();
        var url = reader.ReadUtf8String();
        var token = reader.ReadUtf8String();
        return Uri.TryCreate(url, UriKind.Absolute, out var streamUrl) && (streamUrl.Scheme == "wss" || (streamUrl.Scheme == "ws" && streamUrl.IsLoopback))
            ? new SessionManagerRoute(sessionId, streamUrl, token) { CaBundle = ReadCaBundle(ref reader) }
            : throw new AgentProtocolException("the agent sent a Session Manager stream URL that is not wss://");
    }

    private void WriteCaBundle(SshWriter writer, CaBundleSource? bundle)
    {
        if (bundle is not null || HostKeyNote is not null)
        {
            writer.WriteString(bundle?.Path ?? "");
            writer.WriteString(bundle?.Setting ?? "");
        }
    }

    private void WriteHostKeyNote(SshWriter writer)
    {
        if (HostKeyNote is not null)
        {
            writer.WriteString(HostKeyNote);
        }
    }

    private static string? ReadHostKeyNote(ref SshReader reader) => reader.AtEnd ? null : reader.ReadUtf8String() is { Length: > 0 } note ? note : null;

    private static CaBundleSource? ReadCaBundle(ref SshReader reader)
    {
        if (reader.AtEnd)
        {
            return null;
        }

        var path = reader.ReadUtf8String();
        var setting = reader.ReadUtf8String();
        if (path.Length == 0)
        {
            return null;
        }

        return Path.IsPathFullyQualified(path)
            ? new CaBundleSource(path, setting)
            : throw new AgentProtocolException("the agent sent a CA bundle path that is not a full path");
    }

    private static Uri ReadWssUrl(ref SshReader reader) =>
        Uri.TryCreate(reader.ReadUtf8String(), UriKind.Absolute, out var url) && url.Scheme == "wss"
            ? url
            : throw new AgentProtocolException("the agent sent a tunnel URL that is not wss://");
}
