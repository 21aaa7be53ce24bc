using EicAgent.Agent.Core;

namespace EicAgent.Cli.Connect;

/// <summary>
/// Bounds on what `connect@eicagent` may mint: one connect per agent connection, a few live keys per ssh process,
/// and a cap per instance and OS user. On AWS the instance checks every key pushed for a user in the last minute
/// at each login (about 0.3 s each, within a 5 s limit), so a pile of pushes locks everyone out of that instance
/// and user for a minute. Riding on a pushed key (<see cref="KeySharingPolicy"/>) keeps one caller at one or two
/// live keys; the cap matters with `--push-per-connection` and when several AWS contexts reach one instance.
/// </summary>
internal sealed class MintLimits
{
    /// <summary>One ssh process starts one ProxyCommand; a few allow for retries within a key's 60 s.</summary>
    public const int LiveKeysPerSshProcess = 4;

    /// <summary>
    /// Keys pushed in the last 60 s (so still checked there) for one instance and OS user: with the instance's
    /// lookup at about 1.1 s plus 0.3 s per key, ten keep a login under its 5 s limit with room to spare.
    /// </summary>
    public const int LiveKeysPerInstanceUser = 10;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string InstanceId, string User), int> _live = [];

    /// <summary>Throws with the reason for the user when <paramref name="session"/> already asked for a connection.</summary>
    public static void AdmitConnect(ConnectionPushes pushes, AgentSession session)
    {
        if (pushes.Find(session) is not null)
        {
            throw new InvalidOperationException("one connect@eicagent per agent connection: this connection already has its key");
        }
    }

    /// <summary>Throws with the reason for the user when the ssh process <paramref name="binding"/> holds too many live keys.</summary>
    public static void AdmitProcess(KeyRing keys, ClientBinding binding)
    {
        var live = keys.MintedKeys().Count(key => key.IsBoundTo(binding));
        if (live >= LiveKeysPerSshProcess)
        {
            throw new InvalidOperationException(
                $"ssh process {binding.ProcessId} already has {live} live keys (at most {LiveKeysPerSshProcess}); a key is used once or wiped after 60 s");
        }
    }

    /// <summary>
    /// Counts <paramref name="key"/> against its instance and user until its 60 s are over (or at once if it was never
    /// pushed); throws with the reason when the cap is reached.
    /// </summary>
    public void Admit(MintedKey key, string instanceId, string user, TimeProvider time)
    {
        lock (_gate)
        {
            var live = _live.GetValueOrDefault((instanceId, user));
            if (live >= LiveKeysPerInstanceUser)
            {
                throw new InvalidOperationException(
                    $"{live} keys for {user} on {instanceId} are live already (at most {LiveKeysPerInstanceUser}); each login there checks them all. "
                    + "Wait a minute, let connections share pushed keys (an agent without --push-per-connection), or multiplex (eic ssh-config --multiplex)");
            }

            _live[(instanceId, user)] = live + 1;
        }

        _ = ReleaseAsync(key, instanceId, user, time);
    }

    // A pushed key stays on the instance for 60 s whether or not it was used; one never pushed counts no longer.
    private async Task ReleaseAsync(MintedKey key, string instanceId, string user, TimeProvider time)
    {
        if (await key.Outcome.ConfigureAwait(false) is not (MintedKeyOutcome.Discarded or MintedKeyOutcome.Failed)
            && key.ExpiresAt - time.GetUtcNow() is { Ticks: > 0 } left)
        {
            await Task.Delay(left, time).ConfigureAwait(false);
        }

        Release(instanceId, user);
    }

    private void Release(string instanceId, string user)
    {
        lock (_gate)
        {
            if (_live.GetValueOrDefault((instanceId, user)) is var live and > 1)
            {
                _live[(instanceId, user)] = live - 1;
            }
            else
            {
                _live.Remove((instanceId, user));
            }
        }
    }
}
