using EicAgent.Agent.Core;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Scopes;
using EicAgent.Cli.Connect;

namespace EicAgent.Cli.HostKeys;

/// <summary>
/// connect@eicagent's part in host key checking: the instance's console keys into <see cref="AgentKnownHostsFile"/>
/// under the names the proxy asked for, before the agent answers and the proxy connects.
/// </summary>
internal sealed class HostKeyPublisher(InstanceHostKeys hostKeys, AgentKnownHostsFile file)
{
    /// <returns>Null when ssh will find the instance's keys (or was not asked to), else why not (one line for the user).</returns>
    public async Task<string?> PublishAsync(AgentSession session, ConnectRequest request, IAwsScope scope, Ec2Instance instance, CancellationToken cancellationToken)
    {
        // The serial console's host key is AWS's endpoint's, not the instance's; a forwarded agent's caller never
        // gets to vouch for a host key on this machine.
        if (request.KnownHostsNames.Count == 0 || request.SerialPort is not null || file.Path is null || session.IsForwarded)
        {
            return null;
        }

        InstanceHostKeys.Found found;
        try
        {
            found = await hostKeys.FindAsync(scope, instance, cancellationToken).ConfigureAwait(false);
        }
        catch (EicAwsException exception)
        {
            found = new InstanceHostKeys.Found([], $"{instance.InstanceId}: could not read its console for host keys: {exception.Message}; ssh's own host key checking applies");
        }

        return file.Publish(session.Closed, request.KnownHostsNames, found.Keys) ?? found.Missing;
    }
}
