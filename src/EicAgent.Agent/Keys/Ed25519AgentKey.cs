using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;
using NSec.Cryptography;

namespace EicAgent.Agent.Keys;

/// <summary>An Ed25519 key in libsodium's guarded memory (NSec), never exportable.</summary>
internal sealed class Ed25519AgentKey : AgentKey
{
    private const int SeedSize = 32;
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    private readonly Key _key;

    private Ed25519AgentKey(Key key)
        : base(PublicBlob(key.PublicKey.Export(KeyBlobFormat.RawPublicKey))) => _key = key;

    /// <summary>A fresh key, e.g. for one connection.</summary>
    public static Ed25519AgentKey Generate() => new(new Key(Algorithm));

    /// <summary>Imports the 32-byte seed that starts OpenSSH's 64-byte private key (seed || public key).</summary>
    public static Ed25519AgentKey Import(Ed25519PrivateKeyFields fields)
    {
        if (fields.PrivateKey.Length != SeedSize * 2 || fields.PublicKey.Length != SeedSize)
        {
            throw new AgentProtocolException("Ed25519 key fields have the wrong size");
        }

        var key = Key.Import(Algorithm, fields.PrivateKey.AsSpan(0, SeedSize), KeyBlobFormat.RawPrivateKey);
        var agentKey = new Ed25519AgentKey(key);
        if (!agentKey.PublicKeyBlob.AsSpan().EndsWith(fields.PublicKey))
        {
            agentKey.Dispose();
            throw new AgentProtocolException("Ed25519 public key does not match its private key");
        }

        return agentKey;
    }

    /*
     * string  "ssh-ed25519"
     * string  public key (32 bytes)
     */
    public static byte[] PublicBlob(ReadOnlySpan<byte> publicKey)
    {
        using var writer = new SshWriter();
        writer.WriteString(Ed25519PrivateKeyFields.Type);
        writer.WriteString(publicKey);
        return writer.ToArray();
    }

    /*
     * string  "ssh-ed25519"
     * string  signature (64 bytes)
     */
    protected override byte[] SignCore(ReadOnlySpan<byte> data, SignatureFlags flags)
    {
        var signature = Algorithm.Sign(_key, data);
        using var writer = new SshWriter();
        writer.WriteString(Ed25519PrivateKeyFields.Type);
        writer.WriteString(signature);
        return writer.ToArray();
    }

    protected override void DisposeCore() => _key.Dispose();
}
