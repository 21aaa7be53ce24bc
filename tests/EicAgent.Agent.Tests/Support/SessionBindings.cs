using EicAgent.Agent.Keys;
using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;
using NSec.Cryptography;

namespace EicAgent.Agent.Tests.Support;

/// <summary>What ssh would send: session-binds signed by a server host key, and user authentication data.</summary>
public static class SessionBindings
{
    public static SessionBindRequest Signed(byte[] sessionId, bool isForwarding, Key? hostKey = null)
    {
        using var ownKey = hostKey is null ? new Key(SignatureAlgorithm.Ed25519) : null;
        var key = hostKey ?? ownKey!;
        var blob = Ed25519AgentKey.PublicBlob(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        using var signature = new SshWriter();
        signature.WriteString("ssh-ed25519");
        signature.WriteString(SignatureAlgorithm.Ed25519.Sign(key, sessionId));
        return new SessionBindRequest(blob, sessionId, signature.ToArray(), isForwarding);
    }

    public static byte[] UserAuthData(byte[] sessionId, string user, ReadOnlyMemory<byte> keyBlob) =>
        new UserAuthRequest(sessionId, user, "ssh-connection", UserAuthRequest.PublicKeyMethod, "ssh-ed25519", keyBlob.ToArray(), null).ToBytes();

    public static byte[] NewSessionId() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
}
