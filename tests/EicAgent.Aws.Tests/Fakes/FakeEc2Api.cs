using EicAgent.Aws.Instances;

namespace EicAgent.Aws.Tests.Fakes;

/// <summary>EC2 in memory: answers DescribeInstances by applying the filters to its instances, in pages.</summary>
internal sealed class FakeEc2Api(params Ec2Instance[] instances) : IEc2Api
{
    public int PageSize { get; init; } = 1000;

    public List<IReadOnlyList<Ec2Filter>> Calls { get; } = [];

    public Task<Ec2InstancePage> DescribeInstancesAsync(IReadOnlyList<Ec2Filter> filters, string? nextToken, CancellationToken cancellationToken)
    {
        lock (Calls)
        {
            Calls.Add(filters);
        }

        var matching = instances.Where(instance => filters.All(filter => Matches(instance, filter))).ToList();
        var start = nextToken is null ? 0 : int.Parse(nextToken, System.Globalization.CultureInfo.InvariantCulture);
        var page = matching.Skip(start).Take(PageSize).ToList();
        var next = start + PageSize < matching.Count ? (start + PageSize).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new Ec2InstancePage(page, next));
    }

    public void Dispose()
    {
    }

    private static bool Matches(Ec2Instance instance, Ec2Filter filter) => filter.Name switch
    {
        // EC2's '?' wildcard (one character); the resolver's case-blind Name query uses it.
        "tag:Name" => instance.Name is { } name && name.Length == filter.Value.Length
            && name.Zip(filter.Value).All(pair => pair.Second == '?' || pair.First == pair.Second),
        _ => filter.Value == Value(instance, filter.Name),
    };

    private static string? Value(Ec2Instance instance, string filter) => filter switch
    {
        "instance-id" => instance.InstanceId,
        "private-ip-address" => instance.PrivateIpAddress,
        "ip-address" => instance.PublicIpAddress,
        "ipv6-address" => instance.Ipv6Address,
        "dns-name" => instance.PublicDnsName,
        "private-dns-name" => instance.PrivateDnsName,
        _ => throw new ArgumentException($"the fake does not know filter {filter}"),
    };
}
