using EicAgent.Agent.Protocol;
using EicAgent.Aws.Scopes;
using EicAgent.Cli.Connect;

namespace EicAgent.Cli.RoleSessions;

/// <summary>The agent's answer to <see cref="RoleSessionRequest"/>: exactly one of its four parts is set.</summary>
internal sealed record RoleSessionReply
{
    private const byte LentSession = 0;
    private const byte NeedsMfaCode = 1;
    private const byte NothingToLend = 2;
    private const byte Refused = 3;

    /// <summary>The role session, to use in the asking process only.</summary>
    public MfaRoleSession? Session { get; private init; }

    /// <summary>The MFA device whose code the agent needs to buy a session: ask the user, then ask again with it.</summary>
    public string? MfaSerial { get; private init; }

    /// <summary>The profile's credentials need no MFA code (the command asks AWS itself, as before).</summary>
    public bool NoSession { get; private init; }

    /// <summary>One line for the user: why there is none (or the question to ask, with <see cref="MfaSerial"/>).</summary>
    public string? Reason { get; private init; }

    public static RoleSessionReply Lend(MfaRoleSession session) => new() { Session = session };

    public static RoleSessionReply AskForMfaCode(string serial, string question) => new() { MfaSerial = serial, Reason = question };

    public static RoleSessionReply Nothing(string why) => new() { NoSession = true, Reason = why };

    public static RoleSessionReply Refuse(string reason) => new() { Reason = reason };

    /*
     * SSH_AGENT_SUCCESS (6), then
     * byte    0 = lent:            string access key id; string secret access key; string session token; uint64 end (Unix seconds)
     *         1 = needs MFA code:  string the MFA device's serial; string the question, one line
     *         2 = nothing to lend: string why, one line
     *         3 = refused:         string reason, one line for the user
     */
    public AgentMessage ToMessage() => AgentMessage.Create(AgentMessageType.Success, writer =>
    {
        if (Session is { } session)
        {
            writer.WriteByte(LentSession);
            writer.WriteString(session.AccessKeyId);
            writer.WriteString(session.SecretAccessKey);
            writer.WriteString(session.SessionToken);
            writer.WriteUInt64((ulong)session.Expires.ToUnixTimeSeconds());
            return;
        }

        writer.WriteByte(MfaSerial is not null ? NeedsMfaCode : NoSession ? NothingToLend : Refused);
        if (MfaSerial is not null)
        {
            writer.WriteString(MfaSerial);
        }

        writer.WriteString(Reason ?? "");
    });

    /// <exception cref="AgentProtocolException">Not an answer of an eic agent, or a malformed one.</exception>
    public static RoleSessionReply Read(AgentMessage message)
    {
        ExtensionReply.EnsureSuccess(message, RoleSessionRequest.ExtensionName);
        var reader = new SshReader(message.Body);
        var reply = reader.ReadByte() switch
        {
            LentSession => Lend(new MfaRoleSession(
                reader.ReadUtf8String(), reader.ReadUtf8String(), reader.ReadUtf8String(), DateTimeOffset.FromUnixTimeSeconds((long)reader.ReadUInt64()))),
            NeedsMfaCode => AskForMfaCode(reader.ReadUtf8String(), reader.ReadUtf8String()),
            NothingToLend => Nothing(reader.ReadUtf8String()),
            Refused => Refuse(reader.ReadUtf8String()),
            var other => throw new AgentProtocolException($"role-session@eicagent answered with unknown kind {other}"),
        };
        reader.EnsureAtEnd();
        return reply;
    }
}
