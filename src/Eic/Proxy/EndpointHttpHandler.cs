using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Tls;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// The HTTP stack under the endpoint websocket: the system proxy settings (HTTPS_PROXY / NO_PROXY, as the AWS CLI
/// honours them), the system trust store or, when the agent's scope for the connection trusts a CA bundle (the
/// caller's AWS_CA_BUNDLE, else the profile's ca_bundle; it comes with the route), only its CAs (see
/// <see cref="CaBundle"/>), and one override for tests.
/// </summary>
/// <remarks>
/// The two seams -- the only ways a test differs from production:
/// EIC_EICE_CONNECT_TO=HOST:PORT connects there instead of resolving the endpoint's DNS name (TLS SNI and Host stay
/// the DNS name, so the certificate is still checked against it); a CA bundle (AWS_CA_BUNDLE=FILE.pem) trusts those CAs.
/// </remarks>
internal static class EndpointHttpHandler
{
    public const string ConnectToVariable = "EIC_EICE_CONNECT_TO";

    /// <summary>
    /// The seams for a route: EIC_EICE_CONNECT_TO from this process's environment, and the CA bundle the agent's scope
    /// sent with the route. When it sent none, this process's AWS_CA_BUNDLE: unset then for an agent of this version
    /// (the caller's AWS_CA_BUNDLE would have been its scope's), and what an older agent, which never sends one, relied on.
    /// </summary>
    public static EndpointSeams SeamsFor(CaBundleSource? routeBundle) => new(
        NullIfEmpty(Environment.GetEnvironmentVariable(ConnectToVariable)), routeBundle ?? BundleFromEnvironment());

    /// <summary>The line for a websocket whose TLS handshake failed, naming the CA bundle it trusted; null for any other failure.</summary>
    public static string? TlsFailure(Exception error, EndpointSeams seams)
    {
        ArgumentNullException.ThrowIfNull(seams);
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is AuthenticationException tls)
            {
                return CaBundleSource.TlsFailure(tls, seams.CaBundle);
            }
        }

        return null;
    }

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

        if (seams.CaBundle is { } bundle)
        {
            Load(bundle).ApplyTo(handler);
        }

        return handler;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static CaBundleSource? BundleFromEnvironment() =>
        NullIfEmpty(Environment.GetEnvironmentVariable(CaBundle.Variable)) is { } path ? new CaBundleSource(path, $"{CaBundle.Variable}={path}") : null;

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

    private static CaBundle Load(CaBundleSource bundle)
    {
        try
        {
            return bundle.Load();
        }
        catch (EicAwsException unreadable)
        {
            throw new TunnelException(unreadable.Message);
        }
    }
}

/// <summary>Where to connect instead of resolving the endpoint's DNS name (HOST:PORT), and a PEM of the CAs to trust instead of the system's.</summary>
internal sealed record EndpointSeams(string? ConnectTo, CaBundleSource? CaBundle);
