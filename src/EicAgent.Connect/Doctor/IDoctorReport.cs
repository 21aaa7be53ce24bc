namespace EicAgent.Cli.Doctor;

/// <summary>Where checks go as they finish: the console (`DoctorReport` in eic) or a test's list.</summary>
internal interface IDoctorReport
{
    void Add(DoctorCheck check);
}
