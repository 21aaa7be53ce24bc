using System.Globalization;
using System.Text;

namespace EicAgent.Simulator.Fleet;

/// <summary>
/// The serial console log GetConsoleOutput returns: a boot, then cloud-init's host key fingerprints and its
/// -----BEGIN SSH HOST KEY KEYS----- block with the instance's real sshd host key, with the prefix cloud-init's
/// `logger -s -t ec2` gives the lines ("ec2: " on Amazon Linux, syslog's "&lt;14&gt;Mon DD HH:MM:SS ec2: " on Ubuntu),
/// then whatever <see cref="InstanceDefinition.ConsoleAppendix"/> says a process on the instance printed later.
/// </summary>
internal static class ConsoleOutput
{
    public static string Build(InstanceDefinition instance, string hostName, string hostPublicKey, DateTimeOffset bootedAt)
    {
        hostPublicKey = instance.ConsoleHostKeyOverride ?? hostPublicKey;
        var keyLine = hostPublicKey.Split(' ');
        var fingerprint = Keys.OpenSshPublicKey.Fingerprint(hostPublicKey);
        var prefix = instance.OperatingSystem.StartsWith("Ubuntu", StringComparison.Ordinal)
            ? $"<14>{bootedAt.AddSeconds(14).ToString("MMM dd HH:mm:ss", CultureInfo.InvariantCulture)} ec2: "
            : "ec2: ";
        var hostKeyLine = $"{keyLine[0]} {keyLine[1]} root@{hostName}";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"[    0.000000] Linux version 6.1.0-eic-simulated (builder@eic) #1 SMP {bootedAt:ddd MMM d HH:mm:ss UTC yyyy}\n");
        text.Append("[    0.000000] Command line: BOOT_IMAGE=/boot/vmlinuz root=/dev/nvme0n1p1 ro console=tty0 console=ttyS0,115200n8\n");
        text.Append("[    2.104211] systemd[1]: Detected virtualization amazon.\n");
        text.Append(CultureInfo.InvariantCulture, $"[   11.502310] cloud-init[1201]: Cloud-init v. 22.2.2 running 'modules:final' at {bootedAt.AddSeconds(11):ddd, dd MMM yyyy HH:mm:ss} +0000. Up 11.49 seconds.\n");
        foreach (var line in (string[])[
            "#############################################################",
            "-----BEGIN SSH HOST KEY FINGERPRINTS-----",
            $"256 {fingerprint} root@{hostName} (ED25519)",
            "-----END SSH HOST KEY FINGERPRINTS-----",
            "#############################################################",
            "-----BEGIN SSH HOST KEY KEYS-----",
            hostKeyLine,
            "-----END SSH HOST KEY KEYS-----"])
        {
            text.Append(prefix).Append(line).Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"[   14.118034] cloud-init[1201]: Cloud-init v. 22.2.2 finished at {bootedAt.AddSeconds(14):ddd, dd MMM yyyy HH:mm:ss} +0000. Datasource DataSourceEc2Local.  Up 14.11 seconds\n");
        text.Append('\n').Append(instance.OperatingSystem).Append('\n');
        text.Append("Kernel 6.1.0-eic-simulated on an x86_64\n\n");
        text.Append(hostName).Append(" login: \n");
        text.Append(instance.ConsoleAppendix);
        return text.ToString();
    }
}
