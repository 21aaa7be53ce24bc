using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EicAgent.Simulator.Sts;

/// <summary>
/// The simulator's MFA devices: every serial number has one fixed six-digit code, so tests (and a person trying
/// `eic sim`) can know it -- a real device's code changes every 30 seconds, which a test cannot type.
/// </summary>
public static class SimulatedMfa
{
    /// <summary>The code STS AssumeRole accepts with <paramref name="serialNumber"/> (six digits).</summary>
    public static string CodeFor(string serialNumber)
    {
        ArgumentNullException.ThrowIfNull(serialNumber);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(serialNumber));
        return (BitConverter.ToUInt32(digest, 0) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }
}
