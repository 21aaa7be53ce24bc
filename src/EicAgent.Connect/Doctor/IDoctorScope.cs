using EicAgent.Aws.Diagnostics;
using EicAgent.Aws.Identity;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Listing;
using EicAgent.Aws.Scopes;

namespace EicAgent.Cli.Doctor;

/// <summary>
/// What `eic doctor` asks of one scope beyond what a connection asks: the seam at which its checks are tested with
/// fake scopes. Every call is bounded and translated by the scope's guard; failures are <see cref="Aws.Errors.EicAwsException"/>.
/// </summary>
internal interface IDoctorScope : IAwsScope
{
    Task<CallerIdentity> CallerIdentityAsync(CancellationToken cancellationToken);

    /// <summary>How `--via auto` would reach the instance: the answer <see cref="NetworkPathAdvice.For"/> gives `eic ls` too.</summary>
    Task<NetworkPathAdvice> PathAsync(Ec2Instance instance, CancellationToken cancellationToken);

    Task<IReadOnlyList<SecurityGroup>> SecurityGroupsAsync(Ec2Instance instance, CancellationToken cancellationToken);

    Task<bool> ConsoleListsHostKeysAsync(Ec2Instance instance, CancellationToken cancellationToken);

    /// <summary>The instance's ping status in Systems Manager ("Online", "ConnectionLost", ...); null when it does not manage it.</summary>
    Task<string?> SessionManagerPingStatusAsync(Ec2Instance instance, CancellationToken cancellationToken);

    /// <summary>StartSession with AWS-StartSSHSession to <paramref name="port"/>: the session's id.</summary>
    Task<string> StartSshSessionAsync(Ec2Instance instance, int port, CancellationToken cancellationToken);

    Task<bool> SerialConsoleAccessEnabledAsync(CancellationToken cancellationToken);

    Task<string?> InstanceTypeAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>"nitro", "xen", or null when EC2 does not say.</summary>
    Task<string?> HypervisorAsync(string instanceType, CancellationToken cancellationToken);
}
