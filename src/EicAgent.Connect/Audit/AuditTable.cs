using System.Globalization;
using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.Audit;

/// <summary>The human view of audit entries for `eic log`: one row per entry, local time, fixed columns.</summary>
internal static class AuditTable
{
    public const string Header = "TIME                 EVENT    INSTANCE             USER         RESULT   SSH PID  DETAIL";

    public static string Row(AuditEntry entry)
    {
        var detail = entry switch
        {
            { Event: AuditEntry.ClosedEvent } => $"after {entry.DurationSeconds?.ToString("0.0", CultureInfo.InvariantCulture) ?? "?"} s",
            { Event: AuditEntry.RefusedEvent } => $"{entry.Target}: {entry.Reason}",
            { Result: AuditEntry.FailedResult } => entry.Reason ?? "",
            { Result: AuditEntry.RodeResult } => $"{entry.Target} {entry.Region}/{entry.Profile} rode on {entry.Fingerprint} pushed in request {entry.RequestId}",
            _ => $"{entry.Target} {entry.Region}/{entry.Profile} {entry.Fingerprint} request {entry.RequestId}",
        };
        // Targets and reasons hold what AWS and the user's ssh said: shown escaped.
        return UntrustedText.Printable(string.Create(CultureInfo.InvariantCulture,
            $"{entry.Time.ToLocalTime():yyyy-MM-dd HH:mm:ss}  {entry.Event,-7}  {entry.InstanceId,-19}  {entry.OsUser,-11}  {entry.Result ?? "-",-7}  {entry.SshProcessId,7}  {detail}"));
    }
}
