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

    private static bool Matches(Ec2Instance instance, Ec2Filter filter) => filter.Value == filter.Name switch
    {
        "instance-id" => instance.InstanceId,
        "tag:Name" => instance.Name,
        "private-ip-address" => instance.PrivateIpAddress,
        "ip-address" => instance.PublicIpAddress,
        "ipv6-address" => instance.Ipv6Address,
        "dns-name" => instance.PublicDnsName,
        "private-dns-name" => instance.PrivateDnsName,
        _ => throw new ArgumentException($"the fake does not know filter {filter.Name}"),
    };
}
