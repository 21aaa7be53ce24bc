using System.Net.Sockets;
using EicAgent.Simulator.Sshd;
using Microsoft.Extensions.Logging;

namespace EicAgent.Simulator.Network;

/// <summary>
/// The IPv6 prefix the simulator gives its instances: fdec:2e1c::/48, a unique local prefix no real network routes
/// here (each simulator's block is a /64 of it). One route makes the whole prefix local on Linux, as 127/8 is for
/// IPv4 (`ip -6 route add local fdec:2e1c::/48 dev lo`); a listener that binds with IP_FREEBIND then answers on any
/// address in it. Adding the route needs root; the route stays after the simulator (one host route, harmless, and
/// the next simulator finds it, root or not).
/// </summary>
internal static partial class LocalIpv6Prefix
{
    public const string Prefix = "fdec:2e1c::/48";

    private const int SolIp = 0;
    private const int IpFreeBind = 15;

    /// <summary>
    /// Makes the prefix local unless it is; null when <paramref name="probeAddress"/> (an address of the prefix) answers
    /// on this machine, else why it cannot (one line).
    /// </summary>
    public static async Task<string?> EnsureAsync(string probeAddress, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "only Linux makes an IPv6 prefix local with one route";
        }

        try
        {
            if (await IsLocalAsync(probeAddress, cancellationToken))
            {
                return null;
            }

            if (!Permissions.IsRoot)
            {
                return $"making {Prefix} local needs root (as root: ip -6 route add local {Prefix} dev lo)";
            }

            // "File exists": another simulator added it between our check and now.
            var added = await ExternalCommand.RunAsync("ip", ["-6", "route", "add", "local", Prefix, "dev", "lo"], cancellationToken);
            if (added.ExitCode != 0 && !added.StandardError.Contains("File exists", StringComparison.Ordinal))
            {
                return $"ip -6 route add local {Prefix} dev lo failed: {added.StandardError.Trim()}";
            }

            return await IsLocalAsync(probeAddress, cancellationToken) ? null : $"{probeAddress} is still not local after adding the route to {Prefix}";
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            return $"cannot run ip (apt-get install iproute2): {e.Message}";
        }
    }

    /// <summary>Lets <paramref name="listener"/> bind an address of the prefix, which the route makes local but no interface holds.</summary>
    public static void AllowBind(Socket listener)
    {
        if (OperatingSystem.IsLinux() && listener.AddressFamily == AddressFamily.InterNetworkV6)
        {
            listener.SetRawSocketOption(SolIp, IpFreeBind, BitConverter.GetBytes(1));
        }
    }

    [LoggerMessage(420, LogLevel.Warning, "the instances' IPv6 addresses do not answer on this machine: {Reason}")]
    public static partial void Unreachable(ILogger logger, string reason);

    // "local fdec:2e1c:... dev lo table local ..." when the kernel delivers the address to this machine.
    private static async Task<bool> IsLocalAsync(string address, CancellationToken cancellationToken)
    {
        var route = await ExternalCommand.RunAsync("ip", ["-6", "route", "get", address], cancellationToken);
        return route.ExitCode == 0 && route.StandardOutput.StartsWith("local ", StringComparison.Ordinal);
    }
}
