using EicAgent.Simulator.Keys;

namespace EicAgent.Simulator.SerialConsole;

/// <summary>
/// What points `eic serial` at the simulated serial console endpoint: EIC_SERIAL_CONSOLE_CONNECT_TO (its address,
/// instead of resolving serial-console.ec2-instance-connect.REGION.aws) and EIC_SERIAL_CONSOLE_ENDPOINTS (a file
/// in the format of eic's published list that makes its host key the region's, as AWS's fingerprint is for AWS's).
/// </summary>
internal static class SerialConsoleEnvironment
{
    public const string ConnectToVariable = "EIC_SERIAL_CONSOLE_CONNECT_TO";
    public const string EndpointsVariable = "EIC_SERIAL_CONSOLE_ENDPOINTS";
    private const string EndpointsFileName = "serial-console-endpoints";

    public static IReadOnlyDictionary<string, string> Add(IReadOnlyDictionary<string, string> environment, SimulatedSerialConsole console, string stateDirectory)
    {
        if (console.EndpointAddress is null)
        {
            return environment;
        }

        return new Dictionary<string, string>(environment, StringComparer.Ordinal)
        {
            [ConnectToVariable] = $"{console.EndpointAddress}:{console.EndpointPort}",
            [EndpointsVariable] = Path.Combine(stateDirectory, EndpointsFileName),
        };
    }

    /// <summary>Makes the running endpoint known: its address on <paramref name="console"/>, its host key in the endpoints file.</summary>
    public static async Task PublishAsync(
        SimulatedSerialConsole console, SerialEndpoint endpoint, string region, string stateDirectory, CancellationToken cancellationToken)
    {
        var text = "# The simulated EC2 Serial Console endpoint (written by the EicAgent simulator): REGION ENDPOINT FINGERPRINT\n"
            + $"{region} serial-console.ec2-instance-connect.{region}.aws {OpenSshPublicKey.Fingerprint(endpoint.HostPublicKey)}\n";
        await File.WriteAllTextAsync(Path.Combine(stateDirectory, EndpointsFileName), text, cancellationToken);
        console.HostPublicKey = endpoint.HostPublicKey;
        console.EndpointPort = endpoint.Port;
        console.EndpointAddress = endpoint.Address;
    }
}
