using System.Security.Authentication;
using EicAgent.Aws.Errors;

namespace EicAgent.Aws.Tls;

/// <summary>
/// The CA bundle a scope's connections trust instead of the system's CAs, and where it was set -- AWS_CA_BUNDLE=PATH
/// or a profile's `ca_bundle` -- so that every message about it names the setting the user has to change. The agent
/// hands it to the proxy with the route, so the proxy's websockets trust what the agent's AWS calls trust.
/// </summary>
/// <param name="Path">The PEM file, as a full path (the proxy runs in another directory than the agent).</param>
/// <param name="Setting">`AWS_CA_BUNDLE=PATH` or `ca_bundle = PATH of profile P`.</param>
public sealed record CaBundleSource(string Path, string Setting)
{
    /// <exception cref="EicAwsException">The file cannot be read or holds no PEM certificate.</exception>
    public CaBundle Load() => CaBundle.Load(Path, Setting);

    /// <summary>The one line for a TLS handshake that failed, naming <paramref name="trusted"/> when a bundle's CAs were the only ones trusted.</summary>
    // A refusal by a validation callback says no more than that; eic's only callback is a CA bundle's (see CaBundle).
    public static string TlsFailure(AuthenticationException tls, CaBundleSource? trusted)
    {
        ArgumentNullException.ThrowIfNull(tls);
        return tls.Message.Contains("RemoteCertificateValidationCallback", StringComparison.Ordinal)
            ? $"TLS handshake failed: the server's certificate is not issued by a CA in {trusted?.Setting ?? CaBundle.Variable} (which replaces the system's CAs, as in the AWS CLI)"
            : $"TLS handshake failed ({AwsErrorTranslator.FirstLine(tls.Message)}); if this endpoint's certificate comes from a private CA, set AWS_CA_BUNDLE (or the profile's ca_bundle) to that CA's PEM";
    }
}
