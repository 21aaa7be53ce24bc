using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>Reading `eic doctor`'s report: one line per check (`ok   NAME: ...` or `FAIL NAME: ...`), a fix line under a failure.</summary>
internal static class DoctorOutput
{
    public static string[] Lines(ProcessResult result) => result.StandardOutput.Split('\n');

    /// <summary>The check <paramref name="check"/> failed, and the line under it is a fix containing <paramref name="fix"/>.</summary>
    public static void AssertFailure(ProcessResult result, string check, string fix)
    {
        var lines = Lines(result);
        var failed = Array.FindIndex(lines, line => line.StartsWith($"FAIL {check}: ", StringComparison.Ordinal));
        Assert.True(failed >= 0, result.ToString());
        Assert.StartsWith("  fix: ", lines[failed + 1], StringComparison.Ordinal);
        Assert.Contains(fix, lines[failed + 1], StringComparison.Ordinal);
    }
}
