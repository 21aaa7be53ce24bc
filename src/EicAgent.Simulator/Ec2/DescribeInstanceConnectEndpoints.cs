using System.Security.Cryptography;
using System.Text;
using EicAgent.Simulator.Fleet;

namespace EicAgent.Simulator.Ec2;

/// <summary>
/// DescribeInstanceConnectEndpoints: InstanceConnectEndpointId.N, Filter.N (instance-connect-endpoint-id, vpc-id,
/// subnet-id, state, availability-zone, tag:KEY), MaxResults (1-50) and NextToken.
/// </summary>
internal static class DescribeInstanceConnectEndpoints
{
    public const string Operation = "DescribeInstanceConnectEndpoints";

    public static Task HandleAsync(Ec2Call call)
    {
        var parameters = call.Parameters;
        var ids = parameters.List("InstanceConnectEndpointId");
        var filters = parameters.Filters();
        var maxResults = parameters.MaxResults(1, 50);
        foreach (var filter in filters.Where(f => Values(f.Name, null) is null))
        {
            throw Ec2Errors.InvalidParameterValue($"The filter '{filter.Name}' is invalid");
        }

        call.Authorize(Operation);
        var endpoints = call.State.ConnectEndpoints;
        var missing = ids.Where(id => endpoints.All(e => e.EndpointId != id)).ToArray();
        if (missing.Length > 0)
        {
            throw new Http.ApiException("InvalidInstanceConnectEndpointId.NotFound",
                $"The instance connect endpoint ID '{string.Join(", ", missing)}' does not exist");
        }

        var matching = endpoints
            .Where(e => ids.Count == 0 || ids.Contains(e.EndpointId))
            .Where(e => filters.All(f => Values(f.Name, e)!.Any(v => Wildcard.IsMatchAny(f.Values, v))))
            .ToArray();
        var page = Paging.Page(matching, maxResults, parameters["NextToken"], out var nextToken);
        var state = call.State;
        return call.AnswerAsync(Operation, x =>
        {
            x.Items("instanceConnectEndpointSet", page, (e, endpoint) => Write(e, endpoint, state));
            x.Value("nextToken", nextToken);
        });
    }

    private static void Write(Http.XmlAnswer x, ConnectEndpointDefinition endpoint, SimulatorState state)
    {
        var (dnsName, fipsDnsName) = DnsNames(endpoint, state.Region);
        var (dualStackDnsName, dualStackFipsDnsName) = DualStackDnsNames(endpoint, state.Region);
        x.Value("ownerId", state.Account)
            .Value("instanceConnectEndpointId", endpoint.EndpointId)
            .Value("instanceConnectEndpointArn", $"arn:aws:ec2:{state.Region}:{state.Account}:instance-connect-endpoint/{endpoint.EndpointId}")
            .Value("state", endpoint.State)
            .Value("stateMessage", "")
            .Value("dnsName", dnsName)
            .Value("fipsDnsName", fipsDnsName)
            .Strings("networkInterfaceIdSet", [$"eni-{endpoint.EndpointId[5..]}"])
            .Value("vpcId", endpoint.VpcId)
            .Value("availabilityZone", endpoint.AvailabilityZone)
            .Value("createdAt", state.Instances.FirstOrDefault()?.LaunchedAt ?? state.Clock.GetUtcNow())
            .Value("subnetId", endpoint.SubnetId)
            .Value("preserveClientIp", endpoint.PreserveClientIp)
            .Strings("securityGroupIdSet", endpoint.SecurityGroupIds)
            .Tags(new Dictionary<string, string>())
            .Value("ipAddressType", endpoint.IpAddressType)
            .Start("publicDnsNames")
                .Start("ipv4").Value("dnsName", dnsName).Value("fipsDnsName", fipsDnsName).End()
                .Start("dualstack").Value("dnsName", dualStackDnsName).Value("fipsDnsName", dualStackFipsDnsName).End()
            .End();
    }

    /// <summary>EICE names: eice-ID.HASH.ec2-instance-connect-endpoint.REGION.amazonaws.com (FIPS: ...HASH.fips.ec2-...).</summary>
    public static (string DnsName, string FipsDnsName) DnsNames(ConnectEndpointDefinition endpoint, string region)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(endpoint.EndpointId)))[..8];
        return ($"{endpoint.EndpointId}.{hash}.ec2-instance-connect-endpoint.{region}.amazonaws.com",
            $"{endpoint.EndpointId}.{hash}.fips.ec2-instance-connect-endpoint.{region}.amazonaws.com");
    }

    /// <summary>
    /// The dual-stack names (publicDnsNames.dualstack), in AWS's dual-stack form REGION.api.aws; the exact form of an
    /// endpoint's is not documented, and eic only uses what this call reports.
    /// </summary>
    public static (string DnsName, string FipsDnsName) DualStackDnsNames(ConnectEndpointDefinition endpoint, string region) =>
        DnsNames(endpoint, region) is var (dns, fips) ? (DualStack(dns, region), DualStack(fips, region)) : default;

    /// <summary>Every name a client may open a tunnel at: IPv4-only and dual-stack, each plain and FIPS.</summary>
    public static string[] AllDnsNames(ConnectEndpointDefinition endpoint, string region) =>
        DnsNames(endpoint, region) is var (dns, fips) && DualStackDnsNames(endpoint, region) is var (dualStack, dualStackFips)
            ? [dns, fips, dualStack, dualStackFips]
            : [];

    private static string DualStack(string name, string region) => name.Replace($".{region}.amazonaws.com", $".{region}.api.aws", StringComparison.Ordinal);

    private static IEnumerable<string?>? Values(string name, ConnectEndpointDefinition? endpoint) => name switch
    {
        "instance-connect-endpoint-id" => [endpoint?.EndpointId],
        "vpc-id" => [endpoint?.VpcId],
        "subnet-id" => [endpoint?.SubnetId],
        "state" => [endpoint?.State],
        "availability-zone" => [endpoint?.AvailabilityZone],
        _ when name.StartsWith("tag:", StringComparison.Ordinal) || name is "tag-key" or "tag-value" => [],
        _ => null,
    };
}
