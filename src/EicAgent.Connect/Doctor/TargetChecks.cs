using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Listing;
using EicAgent.Aws.Paths;
using EicAgent.Aws.Targets;

namespace EicAgent.Cli.Doctor;

/// <summary>
/// The instance side: found and running, a network path to it, security groups letting that path reach port 22,
/// or Session Manager having it online and starting a session, IAM allowing the push, host keys known.
/// </summary>
internal static class TargetChecks
{
    /// <param name="via">The path ssh's ProxyCommand (or doctor's --via) takes: ssm checks Session Manager whatever else works.</param>
    public static async Task RunAsync(
        IDoctorScope scope, TargetSpec target, string user, int port, NetworkPath via, IDoctorReport report, CancellationToken cancellationToken)
    {
        Ec2Instance instance;
        try
        {
            instance = await scope.Instances.ResolveAsync(target.Target, cancellationToken);
            report.Add(DoctorCheck.Pass("instance", $"{Describe(instance)} is running in {instance.AvailabilityZone}"));
        }
        catch (EicAwsException exception)
        {
            var id = target.Kind == TargetKind.InstanceId ? target.Target : exception.InstanceId;
            report.Add(DoctorCheck.Fail("instance", exception.Message, AwsFixes.For(exception, scope.Info, id)));
            return;
        }

        if (via == NetworkPath.Ssm)
        {
            report.Add(DoctorCheck.Pass("path", "Session Manager (--via ssm): no public address, endpoint or inbound rule needed"));
            await SessionManagerAsync(scope, instance, port, report, cancellationToken);
        }
        else
        {
            var (pathCheck, path) = await PathAsync(scope, instance, cancellationToken);
            report.Add(pathCheck);
            if (path is { Kind: PathKind.Direct or PathKind.Endpoint })
            {
                report.Add(await SecurityGroupChecks.CheckAsync(scope, instance, path.Endpoint, cancellationToken));
            }
            else
            {
                // Session Manager needs no inbound rule (the agent on the instance calls out); with no path at all,
                // its checks say what Session Manager lacks.
                await SessionManagerAsync(scope, instance, port, report, cancellationToken);
            }
        }

        report.Add(await PushAsync(scope, instance, user, cancellationToken));
        report.Add(await HostKeysAsync(scope, instance, cancellationToken));
    }

    private static async Task SessionManagerAsync(IDoctorScope scope, Ec2Instance instance, int port, IDoctorReport report, CancellationToken cancellationToken)
    {
        var online = await SessionManagerChecks.OnlineAsync(scope, instance, cancellationToken);
        report.Add(online);
        if (online.Passed)
        {
            report.Add(await SessionManagerChecks.SessionAsync(scope, instance, port, cancellationToken));
        }
    }

    /// <summary>The path `--via auto` takes, decided where `eic ls` decides it (<see cref="NetworkPathAdvice.For"/>); null when there is none.</summary>
    private static async Task<(DoctorCheck Check, NetworkPathAdvice? Path)> PathAsync(IDoctorScope scope, Ec2Instance instance, CancellationToken cancellationToken)
    {
        const string Name = "path";
        NetworkPathAdvice path;
        try
        {
            path = await scope.PathAsync(instance, cancellationToken);
        }
        catch (EicAwsException exception)
        {
            return (DoctorCheck.Fail(Name, $"no public address, and endpoints are not readable: {exception.Message}", AwsFixes.For(exception, scope.Info)), null);
        }

        return path.Kind switch
        {
            PathKind.Direct => (DoctorCheck.Pass(Name, instance.PublicIpAddress is { } address
                ? $"direct to its public address {address}, port 22"
                : $"{path.Reason}, directly, port 22 (when its subnet routes IPv6 to an internet gateway)"), path),
            PathKind.Endpoint => (DoctorCheck.Pass(Name, $"no public address; EC2 Instance Connect Endpoint {path.Endpoint?.EndpointId} in {instance.VpcId}"), path),
            PathKind.Ssm => (DoctorCheck.Pass(Name, path.Reason), path),
            _ => (DoctorCheck.Fail(Name, $"{path.Reason}, and Session Manager cannot reach it (ssm agent below)",
                $"create an endpoint: `aws ec2 create-instance-connect-endpoint --subnet-id {instance.SubnetId} {scope.Info.CliArguments()}`, "
                + "make it reachable through Session Manager (the ssm agent fix below), or connect from inside the VPC with `eic proxy --via private`"), null),
        };
    }

    private static async Task<DoctorCheck> PushAsync(IDoctorScope scope, Ec2Instance instance, string user, CancellationToken cancellationToken)
    {
        const string Name = "push permission";
        try
        {
            await scope.PushKeyAsync(instance, user, ThrowawayKey.PublicKeyLine(), cancellationToken);
            return DoctorCheck.Pass(Name, $"IAM lets you push a key for {user} (checked by pushing a throwaway public key: "
                + "SendSSHPublicKey has no dry run; that key can open nothing and expires in 60 s)");
        }
        catch (EicAwsException exception)
        {
            return DoctorCheck.Fail(Name, exception.Message, exception.Kind == EicAwsErrorKind.AccessDenied
                ? $"ask for ec2-instance-connect:SendSSHPublicKey on {instance.InstanceId} with condition ec2:osuser = {user}, or log in as another user (USER@HOST)"
                : AwsFixes.For(exception, scope.Info));
        }
    }

    private static async Task<DoctorCheck> HostKeysAsync(IDoctorScope scope, Ec2Instance instance, CancellationToken cancellationToken)
    {
        const string Name = "host keys";
        try
        {
            return await scope.ConsoleListsHostKeysAsync(instance, cancellationToken)
                ? DoctorCheck.Pass(Name, "the console output lists the instance's SSH host keys")
                : DoctorCheck.Fail(Name, "the console output has no SSH HOST KEY KEYS block (cloud-init prints it at first boot)",
                    "ssh will ask to trust the host key on first use: compare it with the instance's own `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub`");
        }
        catch (EicAwsException exception)
        {
            return DoctorCheck.Fail(Name, exception.Message, AwsFixes.For(exception, scope.Info));
        }
    }

    private static string Describe(Ec2Instance instance) => instance.Name is null ? instance.InstanceId : $"{instance.InstanceId} ({instance.Name})";
}
