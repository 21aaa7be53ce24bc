using EicAgent.Agent.Keys;
using EicAgent.Agent.Protocol;
using NSec.Cryptography;

namespace EicAgent.Cli.Doctor;

/// <summary>
/// A public key whose private half is dropped at once: pushing it asks IAM the real question (SendSSHPublicKey
/// has no dry run) and can never open a session.
/// </summary>
internal static class ThrowawayKey
{
    public static string PublicKeyLine()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        using var blob = new SshWriter();
        blob.WriteString("ssh-ed25519"u8);
        blob.WriteString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        return SshPublicKey.ToOpenSshLine(blob.Written, "eic-doctor-throwaway");
    }
}
