using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.Platform;

/// <summary>
/// The one place that keeps other processes of the same user out of the agent's memory, as OpenSSH's ssh-agent
/// does (platform_disable_tracing): on Linux PR_SET_DUMPABLE 0 (no ptrace attach, /proc/PID/mem, environ or maps
/// for the same uid, and no core dump), on macOS PT_DENY_ATTACH. Root is not kept out. Windows has no such
/// switch: there a process of the same user can open the agent's memory. Ed25519 keys live in libsodium's
/// guarded allocations (NSec), which are locked against swapping and wiped when freed.
/// </summary>
public static class ProcessHardening
{
    /// <summary>Applies what the platform offers; logs a warning when it fails, since the agent still works.</summary>
    public static void Apply(ILogger logger)
    {
        var failure = OperatingSystem.IsLinux() ? LinuxProcessHardening.DisableTracing()
            : OperatingSystem.IsMacOS() ? MacProcessHardening.DenyAttach()
            : null;
        if (failure is not null)
        {
            HardeningLog.Failed(logger, failure);
        }
    }
}
