using EicAgent.Agent.Listeners;
using EicAgent.Cli.Status;

namespace EicAgent.Cli.Doctor;

/// <summary>Whether an eic agent answers where eic looks for it (--socket, else EIC_AGENT_SOCK, else the default).</summary>
internal static class AgentCheck
{
    private const string Name = "agent";

    public static async Task<DoctorCheck> RunAsync(IConnectionProbe probe, string? socketOption, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        string path;
        try
        {
            path = AgentEndpoint.Resolve(socketOption);
        }
        catch (ArgumentException exception)
        {
            return DoctorCheck.Fail(Name, exception.Message, "pass a usable --socket PATH or fix EIC_AGENT_SOCK");
        }

        try
        {
            var status = await probe.AskAgentAsync(path, cancellationToken);
            return DoctorCheck.Pass(Name, $"pid {status.ProcessId} answers on {path}");
        }
        catch (AgentUnreachableException exception)
        {
            return DoctorCheck.Fail(Name, exception.Message,
                "start it: `systemctl --user start eic-agent` (after ./install) or `eic agent &`; the first ssh also starts it on demand");
        }
    }
}
