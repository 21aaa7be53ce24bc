using System.Globalization;
using System.Text.RegularExpressions;

namespace EicAgent.Aws.SerialConsole;

/// <summary>The user the serial console endpoint takes: INSTANCE_ID.portN (N is the serial port; AWS has only 0).</summary>
public static partial class SerialConsoleUser
{
    public static string For(string instanceId, int serialPort) =>
        string.Create(CultureInfo.InvariantCulture, $"{instanceId}.port{serialPort}");

    /// <summary>Splits "i-0123456789abcdef0.port0"; false for any other user.</summary>
    public static bool TryParse(string user, out string instanceId, out int serialPort)
    {
        var match = Pattern().Match(user ?? "");
        instanceId = match.Success ? match.Groups[1].Value : "";
        serialPort = match.Success && int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 0;
        return match.Success;
    }

    [GeneratedRegex("^(i-[0-9a-f]{8,17})\\.port([0-9]{1,2})$")]
    private static partial Regex Pattern();
}
