using System.Globalization;
using EicAgent.Aws.Paths;
using EicAgent.Aws.Tunnels;
using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// An EC2 Instance Connect Endpoint closes its tunnel when maxTunnelDuration (an hour unless the user chose less)
/// runs out, whatever the session is doing. A line on stderr some minutes before says so, while there is time to
/// save work; the duration is the one in the presigned URL, what the endpoint itself goes by.
/// </summary>
internal sealed class TunnelEndWarning : IDisposable
{
    private static readonly TimeSpan UsualLead = TimeSpan.FromMinutes(5);
    private readonly ITimer _timer;

    private TunnelEndWarning(ITimer timer) => _timer = timer;

    /// <summary>null for a route that has no time limit.</summary>
    public static TunnelEndWarning? Start(Route route, string host, TextWriter errors, TimeProvider time)
    {
        if (route is not WebSocketRoute webSocket)
        {
            return null;
        }

        var duration = DurationOf(webSocket.Url);
        var lead = WarningLead(duration);
        var line = $"eic: {UntrustedText.Printable($"{host}: the tunnel through EC2 Instance Connect Endpoint {webSocket.EndpointDnsName} closes in {Describe(lead)}"
            + $" (it lasts at most {Describe(duration)}): save your work; a new ssh gets a new tunnel")}";
        var timer = time.CreateTimer(_ => Write(errors, line), null, duration - lead, Timeout.InfiniteTimeSpan);
        return new TunnelEndWarning(timer);
    }

    /// <summary>Five minutes before the end, or halfway through a tunnel of ten minutes or less.</summary>
    internal static TimeSpan WarningLead(TimeSpan duration) => duration > 2 * UsualLead ? UsualLead : duration / 2;

    internal static TimeSpan DurationOf(Uri url) =>
        AskedSeconds(url) is { } seconds ? TimeSpan.FromSeconds(seconds) : TunnelUrlPresigner.MaxTunnelDuration;

    /// <summary>The maxTunnelDuration the presigned URL asks for (`--max-tunnel-duration`); null when it sends none.</summary>
    internal static int? AskedSeconds(Uri url)
    {
        foreach (var pair in url.Query.TrimStart('?').Split('&'))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length == 2 && parts[0] == "maxTunnelDuration"
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && TunnelUrlPresigner.IsValidDuration(seconds))
            {
                return seconds;
            }
        }

        return null;
    }

    public void Dispose() => _timer.Dispose();

    internal static string Describe(TimeSpan span) => span.TotalSeconds % 60 == 0
        ? $"{span.TotalMinutes:0} minute{(span.TotalMinutes == 1 ? "" : "s")}"
        : $"{span.TotalSeconds:0} seconds";

    // ssh has the terminal in raw mode during a session: a bare \n would not return the cursor.
    private static void Write(TextWriter errors, string line)
    {
        lock (errors)
        {
            errors.Write(Console.IsErrorRedirected ? line + "\n" : $"\r\n{line}\r\n");
            errors.Flush();
        }
    }
}
