using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.Doctor;

/// <summary>Prints checks one line each as they finish: ✓/✗ on a terminal, ok/FAIL when piped; a failure's fix on the next line.</summary>
internal sealed class DoctorReport(TextWriter output, bool terminal) : IDoctorReport
{
    public bool AllPassed { get; private set; } = true;

    public void Add(DoctorCheck check)
    {
        AllPassed &= check.Passed;
        var mark = (check.Passed, terminal) switch
        {
            (true, true) => "✓",
            (false, true) => "✗",
            (true, false) => "ok  ",
            (false, false) => "FAIL",
        };
        // Details quote AWS (names, error messages): shown escaped.
        output.WriteLine($"{mark} {check.Name}: {UntrustedText.Printable(check.Detail)}");
        if (check.Fix is not null)
        {
            output.WriteLine($"  fix: {UntrustedText.Printable(check.Fix)}");
        }

        output.Flush();
    }
}
