using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal.Endpoints.StandardLibrary;

namespace EicAgent.Aws.InstanceConnect;

/// <summary>
/// The service's endpoint rules: an explicit endpoint wins (and excludes FIPS and dual-stack); otherwise
/// <c>https://ec2-instance-connect[-fips].{region}.{dnsSuffix | dualStackDnsSuffix}</c> of the region's partition.
/// </summary>
internal sealed class InstanceConnectEndpointProvider : IEndpointProvider
{
    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var useFips = Equals(parameters["UseFIPS"], true);
        var useDualStack = Equals(parameters["UseDualStack"], true);

        if (parameters["Endpoint"] is string explicitEndpoint && explicitEndpoint.Length > 0)
        {
            if (useFips)
            {
                throw new AmazonClientException("Invalid Configuration: FIPS and custom endpoint are not supported");
            }

            if (useDualStack)
            {
                throw new AmazonClientException("Invalid Configuration: Dualstack and custom endpoint are not supported");
            }

            return new Endpoint(explicitEndpoint);
        }

        if (parameters["Region"] is not string region || region.Length == 0)
        {
            throw new AmazonClientException("Invalid Configuration: Missing Region");
        }

        var partition = Fn.Partition(region)
            ?? throw new AmazonClientException($"Cannot resolve endpoint: no partition for region {region}");
        if (useFips && !partition.supportsFIPS)
        {
            throw new AmazonClientException("FIPS is enabled but this partition does not support FIPS");
        }

        if (useDualStack && !partition.supportsDualStack)
        {
            throw new AmazonClientException("DualStack is enabled but this partition does not support DualStack");
        }

        var host = useFips ? "ec2-instance-connect-fips" : "ec2-instance-connect";
        var suffix = useDualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix;
        return new Endpoint($"https://{host}.{region}.{suffix}");
    }
}
