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
        _ => throw new AgentProtocolException($"unsupported key type {fields.KeyType}"),
    };
}
