namespace EicAgent.Aws.Instances;

/// <summary>The EC2 calls resolution makes: one DescribeInstances page.</summary>
public interface IEc2Api : IDisposable
{
    /// <summary>One page of instances matching every filter (filters AND, the values of one filter OR).</summary>
    Task<Ec2InstancePage> DescribeInstancesAsync(
        IReadOnlyList<Ec2Filter> filters, string? nextToken, CancellationToken cancellationToken);
}

/// <summary>A DescribeInstances filter such as <c>tag:Name = web-1</c>.</summary>
public sealed record Ec2Filter(string Name, string Value);

/// <summary>A page of results and the token for the next one (null on the last page).</summary>
public sealed record Ec2InstancePage(IReadOnlyList<Ec2Instance> Instances, string? NextToken);
