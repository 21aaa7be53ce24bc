using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Scopes;

namespace EicAgent.Aws.Diagnostics;

/// <summary>EC2 questions `eic doctor` asks about one instance that connecting itself never needs to.</summary>
public static class InstanceDiagnostics
{
    /// <summary>cloud-init prints the host keys between these lines on the serial console.</summary>
    public const string HostKeysBegin = "-----BEGIN SSH HOST KEY KEYS-----";

    /// <summary>The ids of the EC2 Instance Connect Endpoints in the instance's VPC (empty: none).</summary>
    public static async Task<IReadOnlyList<string>> EndpointsInVpcAsync(AwsScope scope, Ec2Instance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(instance);
        using var ec2 = Client(scope);
        var request = new DescribeInstanceConnectEndpointsRequest { Filters = [new Filter("vpc-id", [instance.VpcId])] };
        var response = await ScopeClients.Guard.RunAsync(
            Context("DescribeInstanceConnectEndpoints", scope, instance), token => ec2.DescribeInstanceConnectEndpointsAsync(request, token), cancellationToken)
            .ConfigureAwait(false);
        return [.. (response.InstanceConnectEndpoints ?? []).Select(endpoint => endpoint.InstanceConnectEndpointId)];
    }

    /// <summary>True when the instance's console output holds cloud-init's host key block.</summary>
    public static async Task<bool> ConsoleListsHostKeysAsync(AwsScope scope, Ec2Instance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(instance);
        using var ec2 = Client(scope);
        var response = await ScopeClients.Guard.RunAsync(
            Context("GetConsoleOutput", scope, instance),
            token => ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = instance.InstanceId, Latest = true }, token),
            cancellationToken).ConfigureAwait(false);
        var output = string.IsNullOrEmpty(response.Output) ? "" : Encoding.UTF8.GetString(Convert.FromBase64String(response.Output));
        return output.Contains(HostKeysBegin, StringComparison.Ordinal);
    }

    private static AmazonEC2Client Client(AwsScope scope)
    {
        var config = new AmazonEC2Config();
        ScopeClients.Configure(config, scope.Info);
        return new AmazonEC2Client(scope.Credentials, config);
    }

    private static AwsCallContext Context(string operation, AwsScope scope, Ec2Instance instance) =>
        new(operation, scope.Info) { InstanceId = instance.InstanceId, AccountId = instance.OwnerAccountId };
}
