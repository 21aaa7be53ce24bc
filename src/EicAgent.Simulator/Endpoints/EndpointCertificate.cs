using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EicAgent.Simulator.Endpoints;

/// <summary>
/// A CA made at start and a server certificate it issues for every endpoint's DNS names and localhost. Clients trust the CA through
/// AWS_CA_BUNDLE (the PEM at <see cref="CaBundlePath"/>); nothing is added to the system trust store.
/// </summary>
internal sealed class EndpointCertificate : IDisposable
{
    private EndpointCertificate(X509Certificate2 server, string caBundlePath)
    {
        Server = server;
        CaBundlePath = caBundlePath;
    }

    public X509Certificate2 Server { get; }

    public string CaBundlePath { get; }

    public static EndpointCertificate Create(IEnumerable<string> dnsNames, string directory, DateTimeOffset now)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=eic sim endpoint CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=ec2-instance-connect-endpoint (simulated)", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        // The AWS API answers on the TLS port too (Simulator.HttpsEndpoint), for callers that test AWS_CA_BUNDLE.
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);

        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = serverRequest.Create(ca, now.AddDays(-1), now.AddDays(29), RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(serverKey);

        // Through PKCS#12 so that SslStream gets a key it can use on every platform.
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        var caBundlePath = Path.Combine(directory, "eice-ca.pem");
        File.WriteAllText(caBundlePath, ca.ExportCertificatePem() + "\n");
        return new EndpointCertificate(server, caBundlePath);
    }

    public void Dispose() => Server.Dispose();
}
