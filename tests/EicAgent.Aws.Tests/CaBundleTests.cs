using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Tests.Fakes;
using EicAgent.Aws.Tls;
using EicAgent.Testing;

namespace EicAgent.Aws.Tests;

/// <summary>AWS_CA_BUNDLE as the AWS CLI reads it: the bundle's CAs are the only ones trusted, and a wrong name is never excused.</summary>
public sealed class CaBundleTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("eic-cabundle-");
    private readonly X509Certificate2 _ourCa = TestCertificates.CreateCa("CN=our CA");
    private readonly X509Certificate2 _otherCa = TestCertificates.CreateCa("CN=another CA");

    [Fact]
    public void A_certificate_issued_by_a_CA_in_the_bundle_is_trusted()
    {
        using var server = Issue(_ourCa);

        Assert.True(Load(_ourCa).Trusts(server, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void The_bundle_replaces_the_system_store_so_a_certificate_the_system_accepted_is_refused_when_no_bundle_CA_issued_it()
    {
        using var server = Issue(_otherCa);

        Assert.False(Load(_ourCa).Trusts(server, null, SslPolicyErrors.None));
    }

    [Fact]
    public void A_name_mismatch_is_refused_even_from_a_bundle_CA()
    {
        using var server = Issue(_ourCa);

        Assert.False(Load(_ourCa).Trusts(server, null, SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [Fact]
    public void A_missing_or_empty_bundle_is_one_line_naming_the_variable_and_the_file()
    {
        var missing = _directory.Combine("missing.pem");
        var empty = _directory.Combine("empty.pem");
        File.WriteAllText(empty, "not a certificate\n");

        var notThere = Assert.Throws<EicAwsException>(() => CaBundle.Load(missing));
        var noCertificate = Assert.Throws<EicAwsException>(() => CaBundle.Load(empty));

        Assert.StartsWith($"cannot read AWS_CA_BUNDLE={missing}: ", notThere.Message, StringComparison.Ordinal);
        Assert.Equal($"AWS_CA_BUNDLE={empty} holds no PEM certificate (-----BEGIN CERTIFICATE-----)", noCertificate.Message);
        Assert.DoesNotContain('\n', notThere.Message);
    }

    public void Dispose()
    {
        _ourCa.Dispose();
        _otherCa.Dispose();
        _directory.Dispose();
    }

    private CaBundle Load(X509Certificate2 ca)
    {
        var path = _directory.Combine($"{ca.Thumbprint}.pem");
        File.WriteAllText(path, ca.ExportCertificatePem() + "\n");
        return CaBundle.Load(path);
    }

    private static X509Certificate2 Issue(X509Certificate2 ca)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ec2.example.test", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        return request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(8));
    }
}
