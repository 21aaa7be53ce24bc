using EicAgent.Cli.Doctor;

namespace EicAgent.Connect.Tests.Fakes;

/// <summary>Doctor's checks in the order they were reported.</summary>
internal sealed class RecordedReport : IDoctorReport
{
    public List<DoctorCheck> Checks { get; } = [];

    public void Add(DoctorCheck check) => Checks.Add(check);

    /// <summary>The one check called <paramref name="name"/>.</summary>
    public DoctorCheck this[string name] => Assert.Single(Checks, check => check.Name == name);

    public IEnumerable<string> Names => Checks.Select(check => check.Name);
}
