using EicAgent.Simulator;
using EicAgent.Simulator.Fleet;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// A second simulated AWS holding only web-1, changed as a test needs (another console, another id), and host keys
/// that no sshd has, for consoles that lie. ssh run with its environment goes there: the caller's context decides.
/// </summary>
internal static class Web1Aws
{
    public static Task<Simulator.Simulator> StartAsync(Func<InstanceDefinition, InstanceDefinition> change)
    {
        var web1 = change(FleetDefinition.Default.Instances.Single(i => i.Name == "web-1"));
        return Simulator.Simulator.StartAsync(new SimulatorOptions
        {
            Fleet = new FleetDefinition([web1], []) { SecurityGroups = FleetDefinition.Default.SecurityGroups },
        });
    }

    /// <summary>The public half of a fresh Ed25519 key made in <paramref name="directory"/>; the private half is deleted at once.</summary>
    public static async Task<string> GenerateHostKeyAsync(TemporaryDirectory directory)
    {
        var path = directory.Combine($"host_key-{Guid.NewGuid():N}");
        var keygen = await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "", "-f", path]);
        Assert.True(keygen.ExitCode == 0, keygen.ToString());
        var publicKey = (await File.ReadAllTextAsync(path + ".pub")).Trim();
        File.Delete(path); // only its public half is needed, and no private key should outlive a test
        return publicKey;
    }
}
