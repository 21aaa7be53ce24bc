using EicAgent.Aws.Diagnostics;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Tunnels;

namespace EicAgent.Cli.Doctor;

/// <summary>
/// Whether the instance's security groups let the path the path check chose reach sshd: the commonest reason an
/// ssh to EC2 times out.
/// </summary>
internal static class SecurityGroupChecks
{
    private const string Name = "security groups";

    /// <param name="endpoint">The Instance Connect Endpoint the connection goes through; null for the direct path.</param>
    public static async Task<DoctorCheck> CheckAsync(IDoctorScope scope, Ec2Instance instance, ConnectEndpoint? endpoint, CancellationToken cancellationToken)
    {
        IReadOnlyList<SecurityGroup> groups;
        try
        {
            groups = await scope.SecurityGroupsAsync(instance, cancellationToken);
        }
        catch (EicAwsException exception)
        {
            return DoctorCheck.Fail(Name, exception.Message, AwsFixes.For(exception, scope.Info, permission: "ec2:DescribeSecurityGroups"));
        }

        var verdict = endpoint is null
            ? SecurityGroupAdvice.ForDirect(groups, ipv6: instance.PublicIpAddress is null)
            : SecurityGroupAdvice.ForEndpoint(groups, endpoint.SecurityGroupIds);
        return verdict.Allows
            ? DoctorCheck.Pass(Name, verdict.Detail)
            : DoctorCheck.Fail(Name, verdict.Detail, Fix(scope, instance, endpoint));
    }

    private static string Fix(IDoctorScope scope, Ec2Instance instance, ConnectEndpoint? endpoint)
    {
        var group = instance.SecurityGroupIds.FirstOrDefault() ?? "SECURITY-GROUP-ID";
        var port = SecurityGroupAdvice.SshPort;
        var from = endpoint is null ? "your address" : $"the endpoint {endpoint.EndpointId}";

        // The CLI's --cidr takes IPv4 only; an IPv6 range goes in --ip-permissions.
        var rule = endpoint is not null ? $"--protocol tcp --port {port} --source-group {endpoint.SecurityGroupIds.FirstOrDefault() ?? "ENDPOINT-SECURITY-GROUP-ID"}"
            : instance.PublicIpAddress is null ? $"--ip-permissions 'IpProtocol=tcp,FromPort={port},ToPort={port},Ipv6Ranges=[{{CidrIpv6=YOUR:IPV6::ADDRESS/128}}]'"
            : $"--protocol tcp --port {port} --cidr YOUR.PUBLIC.IP/32";
        return $"let {from} in: `aws ec2 authorize-security-group-ingress --group-id {group} {rule} {scope.Info.CliArguments()}`";
    }
}
