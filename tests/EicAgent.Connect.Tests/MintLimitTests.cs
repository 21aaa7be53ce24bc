using EicAgent.Agent.Core;
using EicAgent.Cli.Connect;
using Microsoft.Extensions.Logging.Abstractions;

namespace EicAgent.Connect.Tests;

/// <summary>What one ssh process, and one instance and user, may have minted and pushed is bounded, and a refusal says why.</summary>
public sealed class MintLimitTests
{
    [Fact]
    public void Keys_for_one_ssh_process_are_capped()
    {
        using var keys = new KeyRing(TimeProvider.System, NullLogger<KeyRing>.Instance);
        var binding = ClientBinding.ForProcess(Environment.ProcessId);
        for (var i = 0; i < MintLimits.LiveKeysPerSshProcess; i++)
        {
            MintLimits.AdmitProcess(keys, binding);
            keys.Mint(binding, "ec2-user");
        }

        var refusal = Assert.Throws<InvalidOperationException>(() => MintLimits.AdmitProcess(keys, binding));
        Assert.Contains($"already has {MintLimits.LiveKeysPerSshProcess} live keys", refusal.Message);
    }

    [Fact]
    public void Keys_pushed_for_one_instance_and_user_are_capped_until_one_is_let_go()
    {
        using var keys = new KeyRing(TimeProvider.System, NullLogger<KeyRing>.Instance);
        var limits = new MintLimits();
        var binding = ClientBinding.ForProcess(Environment.ProcessId);
        var minted = new List<MintedKey>();
        for (var i = 0; i < MintLimits.LiveKeysPerInstanceUser; i++)
        {
            var key = keys.Mint(binding, "ec2-user");
            limits.Admit(key, "i-0123456789abcdef0", "ec2-user", TimeProvider.System);
            minted.Add(key);
        }

        var extra = keys.Mint(binding, "ec2-user");
        var refusal = Assert.Throws<InvalidOperationException>(() => limits.Admit(extra, "i-0123456789abcdef0", "ec2-user", TimeProvider.System));
        Assert.Contains($"{MintLimits.LiveKeysPerInstanceUser} keys for ec2-user on i-0123456789abcdef0 are live already", refusal.Message);
        limits.Admit(extra, "i-0fedcba9876543210", "ec2-user", TimeProvider.System);

        keys.Forget(minted[0], MintedKeyOutcome.Discarded);
        var next = keys.Mint(binding, "ec2-user");
        Assert.True(SpinWait.SpinUntil(() => TryAdmit(limits, next), TimeSpan.FromSeconds(15)), "a key never pushed still counts after it was let go");
    }

    private static bool TryAdmit(MintLimits limits, MintedKey key)
    {
        try
        {
            limits.Admit(key, "i-0123456789abcdef0", "ec2-user", TimeProvider.System);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
