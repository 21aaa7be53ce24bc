using EicAgent.Aws.Instances;
using EicAgent.Aws.Paths;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.SerialConsole;

namespace EicAgent.Cli.Connect;

/// <summary>
/// A connection to an instance's EC2 Serial Console instead of its sshd: ssh goes to the region's serial console
/// endpoint (port 22) and logs in as INSTANCE.portN, the only user name the endpoint takes for that instance.
/// </summary>
internal static class SerialConsoleConnect
{
    /// <exception cref="InvalidOperationException">ssh's user is not this instance's serial console user (one line, with the fix).</exception>
    /// <exception cref="Aws.Errors.EicAwsException">No endpoint is known for the region (or none for FIPS).</exception>
    public static Route Plan(IAwsScope scope, Ec2Instance instance, string user, int serialPort)
    {
        var expected = SerialConsoleUser.For(instance.InstanceId, serialPort);
        if (user != expected)
        {
            throw new InvalidOperationException(
                $"the serial console of {instance.InstanceId} logs in as {expected}, not {user}: run `eic serial {instance.InstanceId}` "
                + $"or `ssh {expected}@{instance.InstanceId}{SerialHostNames.Suffix}`");
        }

        var (hostName, _) = scope.FindSerialConsoleEndpoint();
        return new TcpRoute(hostName, SerialConsoleEndpoint.Port);
    }
}
