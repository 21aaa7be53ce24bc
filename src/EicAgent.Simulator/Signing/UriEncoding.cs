using System.Text;

namespace EicAgent.Simulator.Signing;

/// <summary>The percent-encoding SigV4 canonicalizes with (RFC 3986: only A-Z a-z 0-9 - _ . ~ stay as they are).</summary>
internal static class UriEncoding
{
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (IsUnreserved(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes %XX sequences only: a '+' in a URI query is a literal plus to SigV4.</summary>
    public static string Decode(string value) => Uri.UnescapeDataString(value);

    /// <summary>Decodes an application/x-www-form-urlencoded component, where '+' is a space.</summary>
    public static string DecodeForm(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';
}
