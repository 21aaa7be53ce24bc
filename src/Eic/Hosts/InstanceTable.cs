using EicAgent.Aws.Listing;
using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.Hosts;

/// <summary>`eic ls` for people: one aligned row per instance, a dash where there is nothing; what AWS says is shown escaped.</summary>
internal static class InstanceTable
{
    private static readonly string[] Headings = ["NAME", "INSTANCE", "STATE", "AZ", "PUBLIC", "PRIVATE", "USER", "PATH"];

    public static void Write(TextWriter output, IReadOnlyList<ListedInstance> rows)
    {
        var cells = rows.Select(row => (string[])[
            row.Instance.Name ?? "-",
            row.Instance.InstanceId,
            StateNames.Of(row.Instance.State),
            row.Instance.AvailabilityZone ?? "-",
            row.Instance.PublicIpAddress ?? "-",
            row.Instance.PrivateIpAddress ?? "-",
            row.User.Display,
            $"{row.Path.KindName} ({row.Path.Reason})",
        ]).Select(line => line.Select(UntrustedText.Printable).ToArray()).Prepend(Headings).ToList();
        var widths = Enumerable.Range(0, Headings.Length).Select(column => cells.Max(line => line[column].Length)).ToArray();
        foreach (var line in cells)
        {
            // The last column is not padded: no trailing blanks.
            output.WriteLine(string.Join("  ", line.Select((cell, column) => column == line.Length - 1 ? cell : cell.PadRight(widths[column]))));
        }
    }
}
