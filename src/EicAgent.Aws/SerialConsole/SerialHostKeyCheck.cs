using System.Security.Cryptography;

namespace EicAgent.Aws.SerialConsole;

/// <summary>Whether the host key a serial console endpoint offered is the one AWS publishes for its region.</summary>
public static class SerialHostKeyCheck
{
    /// <summary>OpenSSH's SHA256:base64-without-padding fingerprint of a key blob given in base64 (ssh's %K).</summary>
    /// <exception cref="FormatException">The key is not base64.</exception>
    public static string Fingerprint(string keyBase64) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(keyBase64))).TrimEnd('=');

    public static bool Matches(SerialConsoleEndpoint endpoint, string keyBase64)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return string.Equals(Fingerprint(keyBase64), endpoint.Fingerprint, StringComparison.Ordinal);
    }
}
