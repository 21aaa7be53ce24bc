namespace EicAgent.Simulator.Keys;

/// <summary>
/// What an instance's key lookup costs. On EC2 the AuthorizedKeysCommand (eic_run_authorized_keys) verifies the
/// signature of EVERY key pushed for the user in the last minute, one openssl run each, on the instance's own CPUs,
/// under a 5 s timeout, and sshd looks up twice per login: measured on a 2-core machine, about 1.1 s with one key and
/// 0.3 s more per extra key. The simulator charges <see cref="PerKey"/> of work per key on <see cref="Cores"/>
/// cores per instance, and a lookup that does not finish within <see cref="Limit"/> returns no key, so keys piled
/// up for one user make logins there fail as they do on AWS. The default is cheaper than AWS to keep tests quick.
/// </summary>
public sealed record KeyLookupCost(TimeSpan PerKey, int Cores, TimeSpan Limit)
{
    /// <summary>50 ms of work per key on 2 cores, within AWS's 5 s.</summary>
    public static KeyLookupCost Default { get; } = new(TimeSpan.FromMilliseconds(50), 2, TimeSpan.FromSeconds(5));

    /// <summary>What the unmodified instance scripts cost on a 2-core instance: 0.3 s per key.</summary>
    public static KeyLookupCost AsOnAws { get; } = new(TimeSpan.FromMilliseconds(300), 2, TimeSpan.FromSeconds(5));

    /// <summary>No cost at all: every lookup answers at once (for tests about something else entirely).</summary>
    public static KeyLookupCost Free { get; } = new(TimeSpan.Zero, 1, TimeSpan.FromSeconds(5));
}
