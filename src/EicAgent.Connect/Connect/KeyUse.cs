using EicAgent.Agent.Protocol;

namespace EicAgent.Cli.Connect;

/// <summary>
/// Whether ssh signed with the key of this connection, asked for by the ProxyCommand once ssh is gone
/// (`key-use@eicagent`): a key that was pushed but never asked for a signature was refused by the instance --
/// ssh asks the agent to sign only after the server said it would take that key.
/// </summary>
internal enum KeyUse : byte
{
    /// <summary>Nothing to tell: no push on this connection, a key of the user's own, the push failed or is not over, or the key expired.</summary>
    Unknown = 0,

    /// <summary>EC2 Instance Connect took the key, and ssh never signed with it: the instance did not accept it.</summary>
    PushedNeverSigned = 1,

    /// <summary>ssh signed a user authentication with it.</summary>
    Signed = 2,

    /// <summary>
    /// As <see cref="PushedNeverSigned"/>, but the instance had accepted the same key for another login: the user exists
    /// there, and this time the instance's key lookup found nothing (on EC2 it checks every key pushed for the user in
    /// the last minute, within 5 s).
    /// </summary>
    RefusedThoughAcceptedForAnotherLogin = 3,
}

internal static class KeyUseMessage
{
    public const string ExtensionName = "key-use@eicagent";

    /*
     * SSH_AGENT_SUCCESS (6), then
     * byte    0 = unknown, 1 = pushed and never signed with, 2 = signed with,
     *         3 = pushed and never signed with, though signed with for another login
     */
    public static AgentMessage ToMessage(this KeyUse use) => AgentMessage.Create(AgentMessageType.Success, writer => writer.WriteByte((byte)use));

    public static KeyUse Read(AgentMessage message)
    {
        ExtensionReply.EnsureSuccess(message, ExtensionName);
        var reader = new SshReader(message.Body);
        var value = reader.ReadByte();
        reader.EnsureAtEnd();
        return value <= (byte)KeyUse.RefusedThoughAcceptedForAnotherLogin ? (KeyUse)value : throw new AgentProtocolException($"{ExtensionName}: unknown answer {value}");
    }
}
