using EicAgent.Aws.Scopes;

namespace EicAgent.Aws.Errors;

/// <summary>What was being attempted when an AWS call failed: enough to name the permission and resource in a message.</summary>
internal sealed record AwsCallContext(string Operation, AwsScopeInfo Scope)
{
    public string? InstanceId { get; init; }

    public string? OsUser { get; init; }

    public string? AccountId { get; init; }

    /// <summary>The IAM action the operation needs, e.g. <c>ec2:DescribeInstances</c>.</summary>
    public string IamAction => Operation switch
    {
        "DescribeInstances" => "ec2:DescribeInstances",
        "DescribeInstanceConnectEndpoints" => "ec2:DescribeInstanceConnectEndpoints",
        "DescribeSecurityGroups" => "ec2:DescribeSecurityGroups",
        "SendSSHPublicKey" => "ec2-instance-connect:SendSSHPublicKey",
        "SendSerialConsoleSSHPublicKey" => "ec2-instance-connect:SendSerialConsoleSSHPublicKey",
        "StartSession" or "TerminateSession" or "DescribeInstanceInformation" => "ssm:" + Operation,
        _ => Operation,
    };
}
