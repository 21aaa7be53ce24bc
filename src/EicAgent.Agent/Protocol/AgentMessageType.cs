namespace EicAgent.Agent.Protocol;

/// <summary>
/// Message numbers of the ssh-agent protocol (RFC 9987, formerly draft-miller-ssh-agent).
/// https://www.rfc-editor.org/rfc/rfc9987
/// </summary>
public enum AgentMessageType : byte
{
    Failure = 5,
    Success = 6,

    /// <summary>SSH1 "remove all RSA identities": `ssh-add -D` still sends it after 19.</summary>
    RemoveAllRsaIdentities = 9,

    RequestIdentities = 11,
    IdentitiesAnswer = 12,
    SignRequest = 13,
    SignResponse = 14,
    AddIdentity = 17,
    RemoveIdentity = 18,
    RemoveAllIdentities = 19,
    Lock = 22,
    Unlock = 23,
    AddIdentityConstrained = 25,
    Extension = 27,
    ExtensionFailure = 28,
}
