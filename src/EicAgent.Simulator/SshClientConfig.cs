using System.Text;
using EicAgent.Simulator.Fleet;

namespace EicAgent.Simulator;

/// <summary>What plain ssh needs to reach the simulated instances by address: known_hosts lines and an ssh_config snippet.</summary>
internal static class SshClientConfig
{
    /// <summary>One line per instance: its addresses (as [addr]:port off port 22) and its host key.</summary>
    public static string KnownHosts(IEnumerable<SimulatedInstance> instances)
    {
        var text = new StringBuilder();
        foreach (var instance in instances)
        {
            var addresses = new[] { instance.PublicIpAddress, instance.PrivateIpAddress }
                .OfType<string>()
                .Select(address => instance.SshPort == 22 ? address : $"[{address}]:{instance.SshPort}");
            var key = instance.HostPublicKey.Split(' ');
            text.Append(string.Join(',', addresses)).Append(' ').Append(key[0]).Append(' ').Append(key[1]).Append('\n');
        }

        return text.ToString();
    }

    public static string Snippet(Simulator simulator)
    {
        var first = simulator.Instances.FirstOrDefault()?.PrivateIpAddress ?? "127.0.0.1";
        var block = first[..first.LastIndexOf('.')];
        var text = new StringBuilder();
        text.Append("# The simulated instances, reached by address (eic sim)\n");
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Host {block}.*\n");
        if (simulator.SshPort != 22)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"    Port {simulator.SshPort}\n");
        }

        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"    UserKnownHostsFile {simulator.KnownHostsPath}\n");
        text.Append("    StrictHostKeyChecking yes\n");
        return text.ToString();
    }
}
