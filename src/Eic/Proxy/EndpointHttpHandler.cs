using System.Net;
using System.Net.Sockets;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Tls;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// The HTTP stack under the endpoint websocket: the system proxy settings (HTTPS_PROXY / NO_PROXY, as the AWS CLI
/// honours them), the system trust store or, when AWS_CA_BUNDLE is set, only its CAs (as the AWS CLI reads it,
/// see <see cref="CaBundle"/>), and one override for tests.
/// </summary>
/// <remarks>
/// The two seams -- the only ways a test differs from production:
/// EIC_EICE_CONNECT_TO=HOST:PORT connects there instead of resolving the endpoint's DNS name (TLS SNI and Host stay
/// the DNS name, so the certificate is still checked against it); AWS_CA_BUNDLE=FILE.pem trusts those CAs.
/// </remarks>
internal static class EndpointHttpHandler
{
    public const string ConnectToVariable = "EIC_EICE_CONNECT_TO";

    /// <summary>The two seams as this process's environment sets them.</summary>
    public static EndpointSeams SeamsFromEnvironment() => new(
        NullIfEmpty(Environment.GetEnvironmentVariable(ConnectToVariable)), NullIfEmpty(Environment.GetEnvironmentVariable(CaBundle.Variable)));

    public static SocketsHttpHandler Create(string endpointDnsName, TimeSpan connectTimeout, EndpointSeams seams)
    {
        ArgumentNullException.ThrowIfNull(seams);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout,
            UseProxy = true,
            Proxy = HttpClient.DefaultProxy,
        };
        if (seams.ConnectTo is { } connectTo)
        {
            var target = ParseHostPort(connectTo);
            handler.ConnectCallback = (context, token) => ConnectAsync(
                context.DnsEndPoint.Host.Equals(endpointDnsName, StringComparison.OrdinalIgnoreCase) ? target : context.DnsEndPoint, token);
        }

        if (seams.CaBundlePath is { } bundlePath)
        {
            LoadBundle(bundlePath).ApplyTo(handler);
        }

        return handler;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, CancellationToken cancellation)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellation).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static DnsEndPoint ParseHostPort(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon > 0 && int.TryParse(text.AsSpan(colon + 1), out var port) && port is > 0 and <= ushort.MaxValue
            ? new DnsEndPoint(text[..colon].Trim('[', ']'), port)
            : throw new TunnelException($"{ConnectToVariable}={text} is not HOST:PORT");
    }

    private static CaBundle LoadBundle(string path)
    {
        try
        {
            return CaBundle.Load(path);
        }
        catch (EicAwsException unreadable)
        {
            throw new TunnelException(unreadable.Message);
        }
    }
}

/// <summary>Where to connect instead of resolving the endpoint's DNS name (HOST:PORT), and a PEM of the CAs to trust instead of the system's.</summary>
internal sealed record EndpointSeams(string? ConnectTo, string? CaBundlePath);
