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

    /// <summary>
    /// The whole ssh_config `eic sim` writes to STATE/ssh_config: off root first a block that sends instance ids, *.eic
    /// names and the instances' addresses to port 2222 as the current user (the only one a non-root sshd can log in),
    /// then the addresses' known hosts, then ~/.ssh/config (where eic's own block lives).
    /// </summary>
    public static string File(Simulator simulator)
    {
        var text = new StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"# ssh_config of eic sim: ssh -F {simulator.SshConfigPath} ..., or the ssh on the PATH eic sim prints\n");
        if (simulator.SshPort != 22)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Host i-* *.eic {AddressPattern(simulator)}\n");
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"    Port {simulator.SshPort}\n");
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"    User {Environment.UserName}\n");
        }

        text.Append(Snippet(simulator));
        text.Append("Match all\nInclude ~/.ssh/config\n");
        return text.ToString();
    }

    private static string AddressPattern(Simulator simulator)
    {
        var first = simulator.Instances.FirstOrDefault()?.PrivateIpAddress ?? "127.0.0.1";
        return first[..first.LastIndexOf('.')] + ".*";
    }

    public static string Snippet(Simulator simulator)
    {
        var text = new StringBuilder();
        text.Append("# The simulated instances, reached by address (eic sim)\n");
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Host {AddressPattern(simulator)}\n");
        if (simulator.SshPort != 22)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"    Port {simulator.SshPort}\n");
        }

        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"    UserKnownHostsFile {simulator.KnownHostsPath}\n");
        text.Append("    StrictHostKeyChecking yes\n");
        return text.ToString();
    }
}
