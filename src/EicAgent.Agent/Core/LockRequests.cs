using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.Core;

/// <summary>LOCK (22) and UNLOCK (23). While locked the dispatcher lists nothing and refuses everything else.</summary>
internal sealed class LockRequests(ILogger logger)
{
    private readonly AgentLock _lock = new();

    public bool IsLocked => _lock.IsLocked;

    public AgentMessage Lock(AgentSession session, ReadOnlySpan<byte> body) => WithPassphrase(body, passphrase =>
    {
        if (!_lock.TryLock(passphrase))
        {
            return logger.Refuse(session, "lock", "the agent is already locked");
        }

        AgentLog.Locked(logger);
        return AgentMessage.Success;
    });

    public AgentMessage Unlock(AgentSession session, ReadOnlySpan<byte> body) => WithPassphrase(body, passphrase =>
    {
        if (!_lock.IsLocked)
        {
            return logger.Refuse(session, "unlock", "the agent is not locked");
        }

        if (!_lock.TryUnlock(passphrase))
        {
            return logger.Refuse(session, "unlock", "wrong passphrase");
        }

        AgentLog.Unlocked(logger);
        return AgentMessage.Success;
    });

    private static AgentMessage WithPassphrase(ReadOnlySpan<byte> body, Func<byte[], AgentMessage> use)
    {
        var passphrase = LockRequest.ReadPassphrase(body);
        try
        {
            return use(passphrase);
        }
        finally
        {
            LockRequest.Wipe(passphrase);
        }
    }
}
