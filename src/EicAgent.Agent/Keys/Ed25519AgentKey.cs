using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;
using NSec.Cryptography;

namespace EicAgent.Agent.Keys;

/// <summary>
/// An Ed25519 key in libsodium's guarded memory (NSec). Keys the user adds are never exportable; a minted key may
/// be written once, as an OpenSSH private key, into the pipe its own ssh process reads (<see cref="OpenSshPrivateKeyFile"/>).
/// </summary>
internal sealed class Ed25519AgentKey : AgentKey
{
    private const int SeedSize = 32;
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    private readonly Key _key;

    private Ed25519AgentKey(Key key)
        : base(PublicBlob(key.PublicKey.Export(KeyBlobFormat.RawPublicKey))) => _key = key;

    /// <summary>A fresh key that never leaves the agent.</summary>
    public static Ed25519AgentKey Generate() => new(new Key(Algorithm));

    /// <summary>A fresh key for one connection, whose seed <see cref="ExportSeed"/> may hand to that connection's ssh.</summary>
    public static Ed25519AgentKey GenerateForHandover() =>
        new(new Key(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    /// <summary>The 32-byte seed; the caller wipes it. Throws for a key made by <see cref="Generate"/>.</summary>
    internal byte[] ExportSeed() => _key.Export(KeyBlobFormat.RawPrivateKey);

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
