using EicAgent.Simulator.Fleet;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.Simulator.Tests;

/// <summary>An Ed25519 key made by the real ssh-keygen in a temporary directory, and the real ssh logging in with it.</summary>
public sealed class SshClientKey : IDisposable
{
    private readonly TemporaryDirectory _directory;

    private SshClientKey(TemporaryDirectory directory, string publicKey)
    {
        _directory = directory;
        PublicKey = publicKey;
    }

    public string PrivateKeyPath => _directory.Combine("id_ed25519");

    public string PublicKey { get; }

    public static async Task<SshClientKey> CreateAsync(string type = "ed25519", int? bits = null)
    {
        var directory = new TemporaryDirectory("eic-sim-key-");
        string[] size = bits is null ? [] : ["-b", bits.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var made = await ProcessRunner.RunAsync(
            "ssh-keygen", ["-q", "-t", type, .. size, "-N", "", "-C", "test@eic", "-f", directory.Combine("id_ed25519")]);
        if (made.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-keygen failed: {made}");
        }

        return new SshClientKey(directory, (await File.ReadAllTextAsync(directory.Combine("id_ed25519.pub"))).Trim());
    }

    /// <summary>
    /// Skips the test unless the simulator runs as root: only then do its instances have the fleet's OS users
    /// (ec2-user, admin, ubuntu); otherwise each lets in the current user alone.
    /// </summary>
    public static void RequireFleetUsers() =>
        Skip.IfNot(Sshd.Permissions.IsRoot, "logging in as the fleet's OS users needs the simulator to run as root");

    /// <summary>`ssh ... user@address COMMAND` against the instance's sshd, offering this key only, never prompting.</summary>
    public Task<ProcessResult> LoginAsync(
        SimulatedInstance instance, string user, string? address = null, string command = "true", int connectTimeoutSeconds = 10)
    {
        RequireFleetUsers();
        return ProcessRunner.RunAsync("ssh",
        [
            "-F", "/dev/null",
            "-i", PrivateKeyPath,
            "-o", "IdentitiesOnly=yes",
            "-o", "IdentityAgent=none",
            "-o", "UserKnownHostsFile=" + _directory.Combine("known_hosts"),
            "-o", "StrictHostKeyChecking=no",
            "-o", "BatchMode=yes",
            "-o", "ConnectTimeout=" + connectTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-p", instance.SshPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{user}@{address ?? instance.SshAddress}",
            command,
        ]);
    }

    public void Dispose() => _directory.Dispose();
}
