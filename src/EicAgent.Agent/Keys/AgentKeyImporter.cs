using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;

namespace EicAgent.Agent.Keys;

/// <summary>Turns the private fields of an ADD_IDENTITY into a key object; the caller still wipes the fields.</summary>
internal static class AgentKeyImporter
{
    public static AgentKey Import(PrivateKeyFields fields) => fields switch
    {
        Ed25519PrivateKeyFields ed25519 => Ed25519AgentKey.Import(ed25519),
        RsaPrivateKeyFields rsa => RsaAgentKey.Import(rsa),
        EcdsaPrivateKeyFields ecdsa => EcdsaAgentKey.Import(ecdsa),
        DsaPrivateKeyFields dsa => DsaAgentKey.Import(dsa),
        CertifiedKeyFields certified => ImportCertified(certified),
        _ => throw new AgentProtocolException($"unsupported key type {fields.KeyType}"),
    };

    private static CertifiedAgentKey ImportCertified(CertifiedKeyFields certified)
    {
        var key = Import(certified.Key);
        if (certified.KeyType != key.KeyType + CertifiedKeyFields.Suffix)
        {
            key.Dispose();
            throw new AgentProtocolException($"a {certified.KeyType} certificate holds a {key.KeyType} key");
        }

        return new CertifiedAgentKey(certified.Certificate, key);
    }
}
