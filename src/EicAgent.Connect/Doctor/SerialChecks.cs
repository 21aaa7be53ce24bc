using System.Net.Sockets;
using System.Text;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;
using EicAgent.Aws.SerialConsole;
using EicAgent.Aws.Targets;
using EicAgent.Cli.Proxy;

namespace EicAgent.Cli.Doctor;

/// <summary>
/// `eic doctor TARGET --serial`: the serial console path instead of sshd's -- the account's access switch, the
/// instance type (Nitro), IAM allowing SendSerialConsoleSSHPublicKey, and the region's endpoint answering SSH.
/// </summary>
internal static class SerialChecks
{
    /// <summary>Opens a TCP connection to the serial console endpoint (eic's proxy honours its test override).</summary>
    public delegate Task<ITunnel> Connect(string hostName, int port, TimeSpan timeout, CancellationToken cancellationToken);

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(IDoctorScope scope, TargetSpec target, Connect connect, IDoctorReport report, CancellationToken cancellationToken)
    {
        Ec2Instance instance;
        try
        {
            instance = await scope.Instances.ResolveAsync(target.Target, cancellationToken);
            report.Add(DoctorCheck.Pass("instance", $"{instance.InstanceId} is running in {instance.AvailabilityZone}"));
        }
        catch (EicAwsException exception)
        {
            report.Add(DoctorCheck.Fail("instance", exception.Message, AwsFixes.For(exception, scope.Info, target.Kind == TargetKind.InstanceId ? target.Target : null)));
            return;
        }

        report.Add(await AccessAsync(scope, cancellationToken));
        report.Add(await InstanceTypeAsync(scope, instance, cancellationToken));
        report.Add(await PushAsync(scope, instance, cancellationToken));
        report.Add(await EndpointAsync(scope, connect, cancellationToken));
    }

    private static async Task<DoctorCheck> AccessAsync(IDoctorScope scope, CancellationToken cancellationToken)
    {
        const string Name = "serial console access";
        try
        {
            return await scope.SerialConsoleAccessEnabledAsync(cancellationToken)
                ? DoctorCheck.Pass(Name, $"enabled for the account in {scope.Info.Region}")
                : DoctorCheck.Fail(Name, $"disabled for the account in {scope.Info.Region} (the default)",
                    $"`aws ec2 enable-serial-console-access {scope.Info.CliArguments()}` (needs ec2:EnableSerialConsoleAccess)");
        }
        catch (EicAwsException exception)
        {
            return DoctorCheck.Fail(Name, exception.Message, AwsFixes.For(exception, scope.Info, permission: "ec2:GetSerialConsoleAccessStatus"));
        }
    }

    private static async Task<DoctorCheck> InstanceTypeAsync(IDoctorScope scope, Ec2Instance instance, CancellationToken cancellationToken)
    {
        const string Name = "instance type";
        try
        {
            var type = await scope.InstanceTypeAsync(instance.InstanceId, cancellationToken);
            var hypervisor = type is null ? null : await scope.HypervisorAsync(type, cancellationToken);
            return hypervisor switch
            {
                "nitro" => DoctorCheck.Pass(Name, $"{type} is built on the Nitro System"),
                null => DoctorCheck.Pass(Name, $"{type ?? "unknown"}: EC2 does not say its hypervisor; the serial console needs Nitro"),
                _ => DoctorCheck.Fail(Name, $"{type} runs on {hypervisor}, and the serial console needs an instance type built on the Nitro System",
                    $"stop it, `aws ec2 modify-instance-attribute --instance-id {instance.InstanceId} --instance-type t3.micro {scope.Info.CliArguments()}` (or another Nitro type), start it"),
            };
        }
        catch (EicAwsException exception)
        {
            return DoctorCheck.Fail(Name, exception.Message, AwsFixes.For(exception, scope.Info, permission: "ec2:DescribeInstanceTypes"));
        }
    }

    private static async Task<DoctorCheck> PushAsync(IDoctorScope scope, Ec2Instance instance, CancellationToken cancellationToken)
    {
        const string Name = "push permission";
        try
        {
            await scope.PushSerialConsoleKeyAsync(instance, ThrowawayKey.PublicKeyLine(), 0, cancellationToken);
            return DoctorCheck.Pass(Name, "IAM lets you push a key to its serial console (checked with a throwaway public key that can open nothing)");
        }
        catch (EicAwsException exception)
        {
            return DoctorCheck.Fail(Name, exception.Message, exception.Kind == EicAwsErrorKind.AccessDenied && exception.ServiceErrorCode != "SerialConsoleAccessDisabledException"
                ? $"ask for ec2-instance-connect:SendSerialConsoleSSHPublicKey on {instance.InstanceId}"
                : "see the message above");
        }
    }

    private static async Task<DoctorCheck> EndpointAsync(IDoctorScope scope, Connect connect, CancellationToken cancellationToken)
    {
        const string Name = "serial console endpoint";
        string hostName;
        try
        {
            (hostName, _) = scope.FindSerialConsoleEndpoint();
        }
        catch (EicAwsException exception)
        {
            return DoctorCheck.Fail(Name, exception.Message, "see the message above");
        }

        try
        {
            await using var tunnel = await connect(hostName, SerialConsoleEndpoint.Port, ConnectTimeout, cancellationToken);
            var banner = await ReadBannerAsync(tunnel.Stream, cancellationToken);
            return banner.StartsWith("SSH-2.0-", StringComparison.Ordinal)
                ? DoctorCheck.Pass(Name, $"{hostName} port {SerialConsoleEndpoint.Port} answers SSH")
                : DoctorCheck.Fail(Name, $"{hostName} port {SerialConsoleEndpoint.Port} answers, but not with SSH", "check for a proxy or firewall in the way");
        }
        catch (Exception exception) when (exception is TunnelException or IOException or SocketException or OperationCanceledException)
        {
            return DoctorCheck.Fail(Name, $"{hostName} port {SerialConsoleEndpoint.Port} does not answer: {exception.Message}",
                "allow outbound TCP 22 to it from this machine (firewall, proxy)");
        }
    }

    // The server's identification line comes first; read up to it within the bound (a silent port counts as no SSH).
    private static async Task<string> ReadBannerAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(ConnectTimeout);
        var buffer = new byte[256];
        var read = 0;
        while (read < buffer.Length && Array.IndexOf(buffer, (byte)'\n', 0, read) < 0)
        {
            var count = await stream.ReadAsync(buffer.AsMemory(read), bounded.Token);
            if (count == 0)
            {
                break;
            }

            read += count;
        }

        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
