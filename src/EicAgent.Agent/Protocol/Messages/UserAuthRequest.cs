using System.Diagnostics.CodeAnalysis;

namespace EicAgent.Agent.Protocol.Messages;

/// <summary>
/// What ssh asks the agent to sign for public-key user authentication (RFC 4252 section 7). Reading it tells
/// the agent the session and the remote user a signature is for.
/// </summary>
public sealed record UserAuthRequest(
    byte[] SessionId, string User, string Service, string Method, string Algorithm, byte[] PublicKeyBlob, byte[]? HostKeyBlob)
{
    public const byte MessageNumber = 50;
    public const string PublicKeyMethod = "publickey";
    public const string HostBoundPublicKeyMethod = "publickey-hostbound-v00@openssh.com";

    /*
     * string   session identifier
     * byte     SSH_MSG_USERAUTH_REQUEST (50)
     * string   user name
     * string   service name ("ssh-connection")
     * string   "publickey" or "publickey-hostbound-v00@openssh.com"
     * boolean  TRUE (a signature follows)
     * string   public key algorithm name
     * string   public key blob
     * string   server host key blob (hostbound method only)
     */
    public static bool TryRead(ReadOnlySpan<byte> data, [NotNullWhen(true)] out UserAuthRequest? request)
    {
        request = null;
        try
        {
            request = Read(data);
            return true;
        }
        catch (AgentProtocolException)
        {
            return false;
        }
    }

    public static UserAuthRequest Read(ReadOnlySpan<byte> data)
    {
        var reader = new SshReader(data);
        var sessionId = reader.ReadString().ToArray();
        if (reader.ReadByte() != MessageNumber)
        {
            AgentProtocolException.Throw("not a user authentication request");
        }

        var user = reader.ReadUtf8String();
        var service = reader.ReadUtf8String();
        var method = reader.ReadUtf8String();
        if (method is not (PublicKeyMethod or HostBoundPublicKeyMethod) || !reader.ReadBoolean())
        {
            AgentProtocolException.Throw($"not a public key signature request (method {method})");
        }

        var algorithm = reader.ReadUtf8String();
        var publicKey = reader.ReadString().ToArray();
        var hostKey = method == HostBoundPublicKeyMethod ? reader.ReadString().ToArray() : null;
        reader.EnsureAtEnd();
        return new UserAuthRequest(sessionId, user, service, method, algorithm, publicKey, hostKey);
    }

    public byte[] ToBytes()
    {
        using var writer = new SshWriter();
        writer.WriteString(SessionId);
        writer.WriteByte(MessageNumber);
        writer.WriteString(User);
        writer.WriteString(Service);
        writer.WriteString(Method);
        writer.WriteBoolean(true);
        writer.WriteString(Algorithm);
        writer.WriteString(PublicKeyBlob);
        if (HostKeyBlob is not null)
        {
            writer.WriteString(HostKeyBlob);
        }

        return writer.ToArray();
    }
}
