using System.Collections.Concurrent;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EicAgent.Aws.Errors;

namespace EicAgent.Aws.Tls;

/// <summary>
/// The CAs of AWS_CA_BUNDLE=FILE.pem (else a profile's ca_bundle; which one, <see cref="CaBundleSource"/> says), the one
/// trust decision for every TLS connection eic makes to AWS (the agent's SDK clients and the proxy's endpoint and
/// Session Manager websockets). As in the AWS CLI and boto3 (botocore hands
/// the file to urllib3 as its only CAs) and the Go SDK, the bundle <em>replaces</em> the system trust store: a shell
/// that trusts a simulator's or a TLS-inspecting proxy's CA this way trusts nothing else.
/// </summary>
public sealed class CaBundle
{
    public const string Variable = "AWS_CA_BUNDLE";

    // Parsing a system-sized bundle (~150 CAs) takes a few hundred ms on a busy machine, and every client of every
    // scope asks: each file is read once while it stays the same (path, time, size). A few files at most are in use.
    private const int MaxKept = 16;
    private static readonly ConcurrentDictionary<(string Path, DateTime Written, long Length), CaBundle> Loaded = new();

    private readonly X509Certificate2Collection _roots;

    private CaBundle(string path, X509Certificate2Collection roots)
    {
        Path = path;
        _roots = roots;
    }

    /// <summary>The file the CAs came from.</summary>
    public string Path { get; }

    /// <param name="setting">Where the path was set, for errors: AWS_CA_BUNDLE=PATH unless told (a profile's ca_bundle).</param>
    /// <exception cref="EicAwsException">The file cannot be read or holds no PEM certificate.</exception>
    public static CaBundle Load(string path, string? setting = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        setting ??= $"{Variable}={path}";
        FileInfo file;
        try
        {
            file = new FileInfo(path);
        }
        catch (ArgumentException badPath)
        {
            throw Unreadable(setting, badPath);
        }

        if (!file.Exists)
        {
            return Read(path, setting);
        }

        var key = (file.FullName, file.LastWriteTimeUtc, file.Length);
        if (Loaded.TryGetValue(key, out var known))
        {
            return known;
        }

        var bundle = Read(path, setting);
        if (Loaded.Count >= MaxKept)
        {
            Loaded.Clear();
        }

        Loaded[key] = bundle;
        return bundle;
    }

    private static CaBundle Read(string path, string setting)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw Unreadable(setting, error);
        }

        return roots.Count > 0
            ? new CaBundle(path, roots)
            : throw new EicAwsException(EicAwsErrorKind.InvalidInput, $"{setting} holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }

    private static EicAwsException Unreadable(string setting, Exception error) =>
        new(EicAwsErrorKind.InvalidInput, $"cannot read {setting}: {AwsErrorTranslator.FirstLine(error.Message)}", error);

    /// <summary>Makes <paramref name="handler"/> trust this bundle's CAs and no others.</summary>
    public void ApplyTo(SocketsHttpHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Trusts(certificate, chain, errors);
    }

    /// <summary>
    /// True when the server's certificate names the host it was asked for and its chain ends at one of the bundle's CAs.
    /// What the system store thinks of it does not count.
    /// </summary>
    public bool Trusts(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_roots);

        // botocore checks no revocation either; a private CA rarely publishes any.
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        }

        return custom.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
    }
}
