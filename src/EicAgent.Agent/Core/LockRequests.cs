using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.Core;

/// <summary>
/// LOCK (22) and UNLOCK (23). While locked the dispatcher lists nothing and refuses everything else. Wrong
/// unlock passphrases are answered ever more slowly (<see cref="UnlockThrottle"/>).
/// </summary>
internal sealed class LockRequests(TimeProvider time, ILogger logger)
{
    private readonly AgentLock _lock = new();
    private readonly UnlockThrottle _throttle = new(time);

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

    public async ValueTask<AgentMessage> UnlockAsync(AgentSession session, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        // Checked again in the attempt's turn: another attempt may have unlocked the agent meanwhile.
        var wasLocked = true;
        var failures = await _throttle.RunAsync(
            () => (wasLocked = _lock.IsLocked) && WithPassphrase(body.Span, passphrase => _lock.TryUnlock(passphrase)),
            counts: () => wasLocked,
            cancellationToken);
        if (!wasLocked)
        {
            return logger.Refuse(session, "unlock", "the agent is not locked");
        }

        if (failures > 0)
        {
            return logger.Refuse(
                session, "unlock", $"wrong passphrase ({failures} in a row; answered after {UnlockThrottle.DelayAfter(failures).TotalSeconds:0.0} s)");
        }

        AgentLog.Unlocked(logger);
        return AgentMessage.Success;
    }

    private static T WithPassphrase<T>(ReadOnlySpan<byte> body, Func<byte[], T> use)
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
