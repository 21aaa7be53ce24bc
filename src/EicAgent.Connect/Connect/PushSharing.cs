using EicAgent.Agent.Core;
using EicAgent.Aws.InstanceConnect;
using EicAgent.Aws.Scopes;
using Microsoft.Extensions.Logging;

namespace EicAgent.Cli.Connect;

/// <summary>
/// Decides, per connection, whether to mint and push a key or to ride on one already pushed (<see cref="KeySharingPolicy"/>),
/// and coalesces concurrent pushes: a connection that arrives while a push for the same caller, instance and user is
/// in flight waits for that push instead of starting another. The caller is the AWS scope the agent keyed the
/// connection's context to, so another profile, account or set of credentials never rides on this one's key.
/// </summary>
internal sealed class PushSharing(KeyRing keys, MintLimits limits, KeySharingPolicy policy, ILogger<PushSharing> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(IAwsScope Scope, string InstanceId, string User), SharedPush> _open = [];

    public KeySharingPolicy Policy => policy;

    /// <summary>
    /// The key <paramref name="binding"/>'s connection will use: an open one it rides on, or a fresh one whose push
    /// starts now. Serial console keys (<paramref name="shareable"/> false) are never shared.
    /// </summary>
    /// <exception cref="InvalidOperationException">The instance and user have too many live keys (<see cref="MintLimits"/>).</exception>
    public KeyLease Lease(
        IAwsScope scope, string instanceId, string user, ClientBinding binding, AgentSession session, bool shareable,
        Func<MintedKey, CancellationToken, Task<KeyPushResult>> push)
    {
        var slot = (scope, instanceId, user);
        SharedPush shared;
        lock (_gate)
        {
            if (shareable && _open.TryGetValue(slot, out var open) && open.Key.TryAddRider(binding))
            {
                Attach(open, binding, session);
                return new KeyLease(open, binding, Rides: true);
            }

            var key = keys.Mint(binding, user);
            try
            {
                limits.Admit(key, instanceId, user, keys.Time);
            }
            catch (InvalidOperationException)
            {
                keys.Forget(key, MintedKeyOutcome.Discarded);
                throw;
            }

            shared = new SharedPush(key, instanceId, user, pushesAgain: shareable && policy.PushesAgain, logger);
            Attach(shared, binding, session);
            if (shareable && policy.RidersUntil(key.ExpiresAt) is { } until)
            {
                key.AcceptRidersUntil(until);
                _open[slot] = shared;
                _ = CloseWhenForgottenAsync(slot, shared);
            }
        }

        _ = shared.RunAsync(token => push(shared.Key, token), keys.Time);
        return new KeyLease(shared, binding, Rides: false);
    }

    // The proxy holds its agent connection for the whole ssh connection: once it closes, that ssh no longer logs in.
    private static void Attach(SharedPush shared, ClientBinding binding, AgentSession session)
    {
        shared.Attach(session);
        session.Closed.Register(() => shared.Key.Leave(binding));
    }

    /// <summary>A connection refused after its lease: its binding goes; a key nobody is bound to any more is wiped.</summary>
    public void Abandon(KeyLease lease)
    {
        if (lease.Key.Unbind(lease.Binding))
        {
            keys.Forget(lease.Key, MintedKeyOutcome.Discarded);
        }
    }

    private async Task CloseWhenForgottenAsync((IAwsScope, string, string) slot, SharedPush shared)
    {
        await shared.Key.Outcome.ConfigureAwait(false);
        lock (_gate)
        {
            if (_open.TryGetValue(slot, out var current) && current == shared)
            {
                _open.Remove(slot);
            }
        }
    }
}

/// <summary>The key one connection uses, and whether it rode on another connection's push.</summary>
internal sealed record KeyLease(SharedPush Push, ClientBinding Binding, bool Rides)
{
    public MintedKey Key => Push.Key;
}
