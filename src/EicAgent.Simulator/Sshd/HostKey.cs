namespace EicAgent.Simulator.Sshd;

/// <summary>An instance's sshd host key (Ed25519), made with ssh-keygen in the simulator's private state directory.</summary>
internal sealed record HostKey(string PrivateKeyPath, string PublicKeyLine)
{
    public static async Task<HostKey> GenerateAsync(string directory, string comment, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, "ssh_host_ed25519_key");
        await ExternalCommand.RunCheckedAsync(
            "ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path], cancellationToken);
        var publicLine = (await File.ReadAllTextAsync(path + ".pub", cancellationToken)).Trim();
        return new HostKey(path, publicLine);
    }
}
