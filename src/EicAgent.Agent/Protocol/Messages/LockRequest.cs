using System.Security.Cryptography;

namespace EicAgent.Agent.Protocol.Messages;

/// <summary>LOCK (22) and UNLOCK (23) carry the same body: the passphrase.</summary>
public static class LockRequest
{
    /*
     * byte    SSH_AGENTC_LOCK (22) or SSH_AGENTC_UNLOCK (23)
     * string  passphrase
     */
    public static byte[] ReadPassphrase(ReadOnlySpan<byte> body)
    {
        var reader = new SshReader(body);
        var passphrase = reader.ReadString().ToArray();
        reader.EnsureAtEnd();
        return passphrase;
    }

    public static AgentMessage Create(AgentMessageType lockOrUnlock, string passphrase)
    {
        if (lockOrUnlock is not (AgentMessageType.Lock or AgentMessageType.Unlock))
        {
            throw new ArgumentOutOfRangeException(nameof(lockOrUnlock), lockOrUnlock, "LOCK or UNLOCK");
        }

        return AgentMessage.Create(lockOrUnlock, writer => writer.WriteString(passphrase));
    }

    /// <summary>Wipes a passphrase read by <see cref="ReadPassphrase"/> once it is used.</summary>
    public static void Wipe(byte[] passphrase) => CryptographicOperations.ZeroMemory(passphrase);
}
