using System.Text;
using EicAgent.Simulator.Fleet;

namespace EicAgent.Simulator;

/// <summary>The fleet as a plain-text table for `eic sim`.</summary>
internal static class FleetTable
{
    public static string Format(IEnumerable<SimulatedInstance> instances)
    {
        string[] header = ["NAME", "INSTANCE ID", "STATE", "USERS", "PUBLIC IP", "PRIVATE IP", "VPC", "SUBNET", "AZ", "SSHD LOG"];
        var rows = instances.Select(i => new[]
        {
            i.Name ?? "-",
            i.InstanceId,
            i.State.ToEc2Name(),
            string.Join(',', i.OsUsers),
            // A stopped instance has released its public address: show the one it gets back when started.
            i.PublicIpAddress is null ? "-" : i.State == InstanceStateName.Running ? i.PublicIpAddress : $"({i.PublicIpAddress})",
            i.PrivateIpAddress,
            i.Definition.VpcId,
            i.Definition.SubnetId,
            i.Definition.AvailabilityZone,
            i.SshdLog.Path,
        }).Prepend(header).ToArray();
        var widths = Enumerable.Range(0, header.Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(string.Join("  ", row.Select((cell, column) => column == row.Length - 1 ? cell : cell.PadRight(widths[column]))));
            text.Append('\n');
        }

        return text.ToString();
    }
}
