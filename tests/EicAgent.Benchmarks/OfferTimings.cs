using System.Globalization;
using System.Text.RegularExpressions;

namespace EicAgent.Benchmarks;

/// <summary>
/// What the agent logs when it offers a minted key (its event 32): how long after the mint ssh asked for keys -- its
/// handshake, with the push running alongside -- how long the push took, and how long ssh waited for it.
/// </summary>
internal sealed partial record OfferTimings(double AskedAfterMs, double PushMs, double WaitMs)
{
    public static OfferTimings? Parse(string logLine)
    {
        var match = OfferPattern().Match(logLine);
        return match.Success ? new OfferTimings(Number(match, "asked"), Number(match, "push"), Number(match, "wait")) : null;
    }

    private static double Number(Match match, string group) => double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"ssh asked for it (?<asked>\d+) ms after the mint, its push took (?<push>\d+) ms, ssh waited (?<wait>\d+) ms")]
    private static partial Regex OfferPattern();
}
