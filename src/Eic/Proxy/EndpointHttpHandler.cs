using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// The HTTP stack under the endpoint websocket: the system proxy settings (HTTPS_PROXY / NO_PROXY, as the AWS CLI
/// honours them), the system trust store plus AWS_CA_BUNDLE, and one override for tests.
/// </summary>
/// <remarks>
/// The two seams -- the only ways a test differs from production:
/// EIC_EICE_CONNECT_TO=HOST:PORT connects there instead of resolving the endpoint's DNS name (TLS SNI and Host stay
/// the DNS name, so the certificate is still checked against it); AWS_CA_BUNDLE=FILE.pem trusts those CAs too.
/// </remarks>
internal static class EndpointHttpHandler
{
    public const string ConnectToVariable = "EIC_EICE_CONNECT_TO";
    public const string CaBundleVariable = "AWS_CA_BUNDLE";

    /// <summary>The two seams as this process's environment sets them.</summary>
    public static EndpointSeams SeamsFromEnvironment() => new(
        NullIfEmpty(Environment.GetEnvironmentVariable(ConnectToVariable)), NullIfEmpty(Environment.GetEnvironmentVariable(CaBundleVariable)));

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
            var extraRoots = LoadBundle(bundlePath);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                errors == SslPolicyErrors.None || TrustedByBundle(certificate, chain, errors, extraRoots);
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

    private static X509Certificate2Collection LoadBundle(string path)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new TunnelException($"cannot read {CaBundleVariable}={path}: {error.Message}");
        }

        return roots;
    }

    // A name mismatch is never excused; an unknown issuer is, when the chain ends at one of the bundle's CAs.
    private static bool TrustedByBundle(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        }

        return custom.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
    }
}

/// <summary>Where to connect instead of resolving the endpoint's DNS name (HOST:PORT), and a PEM of extra trusted CAs.</summary>
internal sealed record EndpointSeams(string? ConnectTo, string? CaBundlePath);
