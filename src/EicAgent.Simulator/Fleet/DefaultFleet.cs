namespace EicAgent.Simulator.Fleet;

/// <summary>
/// The default fleet (region us-east-1 by default; A.B is the simulator's loopback block):
/// <code>
/// Name       instance id          state    users           public      private      VPC / subnet / AZ
/// web-1      i-0a1b2c3d4e5f00001  running  ec2-user admin  127.A.B.11  127.A.B.111  vpc-...a001 / subnet-...a011 / us-east-1a
/// web-2      i-0a1b2c3d4e5f00002  running  ec2-user        127.A.B.12  127.A.B.112  vpc-...a001 / subnet-...a012 / us-east-1b
/// worker     i-0a1b2c3d4e5f00003  running  ec2-user        127.A.B.13  127.A.B.113  vpc-...b002 / subnet-...b021 / us-east-1c
/// worker     i-0a1b2c3d4e5f00004  running  ec2-user        127.A.B.14  127.A.B.114  vpc-...b002 / subnet-...b022 / us-east-1d
/// ubuntu-1   i-0a1b2c3d4e5f00005  running  ubuntu          127.A.B.15  127.A.B.115  vpc-...b002 / subnet-...b021 / us-east-1c
/// db-1       i-0a1b2c3d4e5f00006  running  ec2-user        -           127.A.B.116  vpc-...c003 / subnet-...c031 / us-east-1a
/// stopped-1  i-0a1b2c3d4e5f00007  stopped  ec2-user        (127.A.B.17 while running) 127.A.B.117  vpc-...a001 / subnet-...a011 / us-east-1a
/// </code>
/// web-1 also has the IPv6 address fdec:2e1c:0:AABB::11 (A, B in hex), which answers when the simulator can make its IPv6 prefix local.
/// One Instance Connect Endpoint per VPC (eice-...a001, eice-...b002, eice-...c003), each create-complete and in its
/// own security group (sg-...a001, sg-...b002, sg-...c003). The instances with a public address are in their VPC's
/// ssh-anywhere group (sg-...a101, sg-...b101: tcp 22 from 0.0.0.0/0 and ::/0); db-1 is in db-ssh-from-eice
/// (sg-...c101: tcp 22 from its endpoint's group).
/// </summary>
internal static class DefaultFleet
{
    public const string PublicVpc = "vpc-0a1b2c3d4e5f6a001";
    public const string WorkerVpc = "vpc-0a1b2c3d4e5f6b002";
    public const string PrivateVpc = "vpc-0a1b2c3d4e5f6c003";

    private const string PublicSshGroup = "sg-0a1b2c3d4e5f6a101";
    private const string WorkerSshGroup = "sg-0a1b2c3d4e5f6b101";
    private const string DbSshGroup = "sg-0a1b2c3d4e5f6c101";

    public static FleetDefinition Definition { get; } = new(
        [
            Instance(1, "web-1", ["ec2-user", "admin"], 11, PublicVpc, "subnet-0a1b2c3d4e5f6a011", "us-east-1a", ("env", "prod"), ("role", "web"))
                with { Ipv6Host = 0x11 },
            Instance(2, "web-2", ["ec2-user"], 12, PublicVpc, "subnet-0a1b2c3d4e5f6a012", "us-east-1b", ("env", "staging"), ("role", "web")),
            Instance(3, "worker", ["ec2-user"], 13, WorkerVpc, "subnet-0a1b2c3d4e5f6b021", "us-east-1c", ("env", "prod"), ("role", "worker")),
            Instance(4, "worker", ["ec2-user"], 14, WorkerVpc, "subnet-0a1b2c3d4e5f6b022", "us-east-1d", ("env", "prod"), ("role", "worker")),
            Instance(5, "ubuntu-1", ["ubuntu"], 15, WorkerVpc, "subnet-0a1b2c3d4e5f6b021", "us-east-1c", ("env", "dev"), ("os", "ubuntu"))
                with { ImageId = "ami-0e1c0000000000002", OperatingSystem = "Ubuntu 24.04 LTS" },
            Instance(6, "db-1", ["ec2-user"], 16, PrivateVpc, "subnet-0a1b2c3d4e5f6c031", "us-east-1a", ("env", "prod"), ("role", "db"))
                with { PublicAddress = null },
            Instance(7, "stopped-1", ["ec2-user"], 17, PublicVpc, "subnet-0a1b2c3d4e5f6a011", "us-east-1a", ("env", "dev"))
                with { Running = false },
        ],
        [
            Endpoint(PublicVpc, "subnet-0a1b2c3d4e5f6a011", "us-east-1a", "a001"),
            Endpoint(WorkerVpc, "subnet-0a1b2c3d4e5f6b021", "us-east-1c", "b002"),
            Endpoint(PrivateVpc, "subnet-0a1b2c3d4e5f6c031", "us-east-1a", "c003"),
        ])
    {
        SecurityGroups =
        [
            SshFromAnywhere(PublicSshGroup, PublicVpc),
            SshFromAnywhere(WorkerSshGroup, WorkerVpc),
            new() { GroupId = DbSshGroup, GroupName = "db-ssh-from-eice", VpcId = PrivateVpc, Inbound = [InboundRule.SshFromGroup(EndpointGroup("c003"))] },
            EndpointGroupIn(PublicVpc, "a001"),
            EndpointGroupIn(WorkerVpc, "b002"),
            EndpointGroupIn(PrivateVpc, "c003"),
        ],
    };

    private static InstanceDefinition Instance(
        int number, string name, string[] users, byte publicOctet, string vpc, string subnet, string zone, params (string Key, string Value)[] tags) =>
        new()
        {
            InstanceId = $"i-0a1b2c3d4e5f{number:00000}",
            Tags = new Dictionary<string, string>(tags.Select(t => KeyValuePair.Create(t.Key, t.Value)).Prepend(KeyValuePair.Create("Name", name))),
            OsUsers = users,
            PublicAddress = publicOctet,
            PrivateAddress = (byte)(publicOctet + 100),
            VpcId = vpc,
            SubnetId = subnet,
            AvailabilityZone = zone,
            SecurityGroupIds = [vpc switch { PublicVpc => PublicSshGroup, WorkerVpc => WorkerSshGroup, _ => DbSshGroup }],
        };

    private static ConnectEndpointDefinition Endpoint(string vpc, string subnet, string zone, string suffix) => new()
    {
        EndpointId = $"eice-0a1b2c3d4e5f6{suffix}",
        VpcId = vpc,
        SubnetId = subnet,
        AvailabilityZone = zone,
        SecurityGroupIds = [EndpointGroup(suffix)],
    };

    private static string EndpointGroup(string suffix) => $"sg-0a1b2c3d4e5f6{suffix}";

    private static SecurityGroupDefinition EndpointGroupIn(string vpc, string suffix) => new()
    {
        GroupId = EndpointGroup(suffix),
        GroupName = $"eice-{suffix}",
        VpcId = vpc,
        Description = "EC2 Instance Connect Endpoint",
    };

    private static SecurityGroupDefinition SshFromAnywhere(string groupId, string vpc) => new()
    {
        GroupId = groupId,
        GroupName = "ssh-anywhere",
        VpcId = vpc,
        Inbound = [InboundRule.SshFrom("0.0.0.0/0", "::/0")],
    };
}
