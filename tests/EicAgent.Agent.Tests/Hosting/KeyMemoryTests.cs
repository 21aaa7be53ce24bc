using System.Globalization;
using EicAgent.Agent.Tests.Support;
using EicAgent.Testing;

namespace EicAgent.Agent.Tests.Hosting;

/// <summary>
/// A user's RSA, ECDSA and DSA keys rest in locked memory (out of swap), as minted Ed25519 keys do in libsodium's:
/// the agent's locked memory (VmLck in /proc/PID/status) grows when such a key is added, the key still signs, and
/// the memory is released when the key is removed.
/// </summary>
public sealed class KeyMemoryTests : IDisposable
{
    private readonly TemporaryDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [SkippableTheory]
    [InlineData("rsa", "3072")]
    [InlineData("ecdsa", "384")]
    [InlineData("dsa", null)]
    public async Task A_user_key_rests_in_locked_memory_and_still_signs(string type, string? bits)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "VmLck is Linux's");
        var socket = _work.Combine("run", "agent.sock");
        var key = await OpenSshKey.GenerateAsync(_work, type, bits: bits);
        var environment = new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = socket };
        await using var agent = EicAgentProcess.Start("--socket", socket);
        await agent.FirstLineAsync();
        var before = LockedKilobytes(agent.ProcessId);

        (await ProcessRunner.RunAsync("ssh-add", [key.PrivatePath], environment)).AssertExitCode(0);
        var holding = LockedKilobytes(agent.ProcessId);
        var signed = await ProcessRunner.RunAsync("ssh-add", ["-T", key.PublicPath], environment);
        (await ProcessRunner.RunAsync("ssh-add", ["-d", key.PublicPath], environment)).AssertExitCode(0);
        var after = LockedKilobytes(agent.ProcessId);

        Assert.True(holding > before, $"VmLck {before} kB before adding the key, {holding} kB while holding it");
        signed.AssertExitCode(0);
        Assert.Equal(before, after);
    }

    private static long LockedKilobytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status").Single(l => l.StartsWith("VmLck:", StringComparison.Ordinal));
        return long.Parse(line["VmLck:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
