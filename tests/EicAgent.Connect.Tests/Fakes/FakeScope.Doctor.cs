using EicAgent.Aws.Diagnostics;
using EicAgent.Aws.Identity;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Listing;
using EicAgent.Cli.Doctor;

namespace EicAgent.Connect.Tests.Fakes;

/// <summary>Doctor's questions: by default a reachable, well-configured instance (the path from <see cref="NetworkPathAdvice.For"/>).</summary>
internal sealed partial class FakeScope : IDoctorScope
{
    /// <summary>The Instance Connect Endpoints of the instance's VPC that the path check sees.</summary>
    public List<Aws.Tunnels.ConnectEndpoint> Endpoints { get; } = [];

    public Func<Ec2Instance, string?> PingStatus { get; set; } = _ => "Online";

    public Func<IReadOnlyList<SecurityGroup>> SecurityGroups { get; set; } =
        () => [new SecurityGroup("sg-0web", "web", [new InboundRule("tcp", 22, 22, ["0.0.0.0/0"], [])])];

    public Func<bool> ConsoleHostKeys { get; set; } = () => true;

    public Func<int, string> StartSession { get; set; } = _ => "s-0abc";

    public Func<string, Task> TerminateSession { get; set; } = _ => Task.CompletedTask;

    public Func<bool> SerialAccess { get; set; } = () => true;

    public Func<string?> InstanceType { get; set; } = () => "t3.micro";

    public Func<string, string?> Hypervisor { get; set; } = _ => "nitro";

    /// <summary>Names of the doctor calls made, in order.</summary>
    public List<string> DoctorCalls { get; } = [];

    public Task<CallerIdentity> CallerIdentityAsync(CancellationToken cancellationToken) =>
        Answer("GetCallerIdentity", () => new CallerIdentity("111122223333", "arn:aws:iam::111122223333:user/test"));

    public Task<NetworkPathAdvice> PathAsync(Ec2Instance instance, CancellationToken cancellationToken) =>
        Answer("Path", () => NetworkPathAdvice.For(instance, Endpoints, instance.PublicIpAddress is null && PingStatus(instance) == "Online"));

    public Task<IReadOnlyList<SecurityGroup>> SecurityGroupsAsync(Ec2Instance instance, CancellationToken cancellationToken) =>
        Answer("DescribeSecurityGroups", SecurityGroups);

    public Task<bool> ConsoleListsHostKeysAsync(Ec2Instance instance, CancellationToken cancellationToken) => Answer("GetConsoleOutput", ConsoleHostKeys);

    public Task<string?> SessionManagerPingStatusAsync(Ec2Instance instance, CancellationToken cancellationToken) =>
        Answer("DescribeInstanceInformation", () => PingStatus(instance));

    public Task<string> StartSshSessionAsync(Ec2Instance instance, int port, CancellationToken cancellationToken) =>
        Answer("StartSession", () => StartSession(port));

    public Task<bool> SerialConsoleAccessEnabledAsync(CancellationToken cancellationToken) => Answer("GetSerialConsoleAccessStatus", SerialAccess);

    public Task<string?> InstanceTypeAsync(string instanceId, CancellationToken cancellationToken) => Answer("DescribeInstances", InstanceType);

    public Task<string?> HypervisorAsync(string instanceType, CancellationToken cancellationToken) =>
        Answer("DescribeInstanceTypes", () => Hypervisor(instanceType));

    private Task<T> Answer<T>(string call, Func<T> answer)
    {
        DoctorCalls.Add(call);
        return Task.FromResult(answer());
    }
}
