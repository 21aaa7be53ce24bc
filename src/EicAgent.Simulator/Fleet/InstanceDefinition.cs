namespace EicAgent.Simulator.Fleet;

/// <summary>
/// One simulated EC2 instance as configured. Addresses are given as the last octet inside the simulator's
/// loopback block (127.A.B.0/24, chosen at start), so that several simulators can run side by side.
/// </summary>
public sealed record InstanceDefinition
{
    public required string InstanceId { get; init; }

    /// <summary>Tags, including the Name tag.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The OS users sshd lets in (when the simulator is not root: the current user instead).</summary>
    public required IReadOnlyList<string> OsUsers { get; init; }

    /// <summary>Last octet of the public IPv4 address; null for an instance with a private address only.</summary>
    public byte? PublicAddress { get; init; }

    /// <summary>Last octet of the private IPv4 address.</summary>
    public required byte PrivateAddress { get; init; }

    /// <summary>
    /// A fixed IPv6 address reported by the API that nothing on this machine holds (an ipv6 or dualstack endpoint
    /// tunnels to it; a direct connection finds no route). <see cref="Ipv6Host"/>, when set, wins.
    /// </summary>
    public string? Ipv6Address { get; init; }

    /// <summary>
    /// The last group (hex) of an IPv6 address in the simulator's own IPv6 block, fdec:2e1c:0:AABB::HOST: the API
    /// reports it, and its port 22 answers on this machine (like the IPv4 addresses) when the simulator could make
    /// its prefix local (root, Linux).
    /// </summary>
    public ushort? Ipv6Host { get; init; }

    /// <summary>
    /// An instance of an IPv6-only subnet: the API reports no IPv4 address (public or private), only its IPv6 address.
    /// Inside the simulator it still lives on its private loopback address.
    /// </summary>
    public bool Ipv6Only { get; init; }

    public required string VpcId { get; init; }

    public required string SubnetId { get; init; }

    public required string AvailabilityZone { get; init; }

    /// <summary>The security groups of its network interface (DescribeInstances' groupSet).</summary>
    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];

    /// <summary>False for an instance that starts out stopped (StartInstances brings it up).</summary>
    public bool Running { get; init; } = true;

    public string ImageId { get; init; } = "ami-0e1c0000000000001";

    public string InstanceType { get; init; } = "t3.micro";

    public string PlatformDetails { get; init; } = "Linux/UNIX";

    /// <summary>Decides how the console output looks: cloud-init on "Ubuntu ..." logs through syslog, others as "ec2:".</summary>
    public string OperatingSystem { get; init; } = "Amazon Linux 2023";

    /// <summary>
    /// When set, the console's SSH HOST KEY KEYS block lists this key line instead of the instance's real host key
    /// (a console that disagrees with what sshd presents, as a man-in-the-middle would cause).
    /// </summary>
    public string? ConsoleHostKeyOverride { get; init; }

    /// <summary>
    /// Text appended to the console after the boot (the login prompt): what any process on the instance can print
    /// there later, e.g. a forged SSH HOST KEY KEYS block.
    /// </summary>
    public string? ConsoleAppendix { get; init; }

    /// <summary>
    /// What Systems Manager's DescribeInstanceInformation says of it while it runs: "Online" (its SSM agent is connected),
    /// another status such as "ConnectionLost", or null when Systems Manager does not manage it (no agent or no role).
    /// </summary>
    public string? SsmPingStatus { get; init; } = "Online";

    public string? Name => Tags.TryGetValue("Name", out var name) ? name : null;

    /// <summary>The last octets of every address the instance holds (public, if any, and private).</summary>
    internal IEnumerable<byte> AddressOctets => PublicAddress is { } publicOctet ? [publicOctet, PrivateAddress] : [PrivateAddress];
}
