namespace EicAgent.Cli.Doctor;

/// <summary>One link checked by `eic doctor`: what was found, and for a failure what to run or change.</summary>
internal sealed record DoctorCheck(string Name, string Detail, string? Fix)
{
    public bool Passed => Fix is null;

    public static DoctorCheck Pass(string name, string detail) => new(name, detail, null);

    public static DoctorCheck Fail(string name, string detail, string fix) => new(name, detail, fix);
}
