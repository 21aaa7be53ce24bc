namespace EicAgent.Simulator;

/// <summary>The AWS services the simulator answers for.</summary>
public enum AwsService
{
    Ec2,
    InstanceConnect,
    Sts,
    Ssm,
}

internal static class AwsServices
{
    public static IReadOnlyList<AwsService> All { get; } = Enum.GetValues<AwsService>();

    /// <summary>The SigV4 signing name (credential scope service), which is also the IAM action prefix.</summary>
    public static string SigningName(this AwsService service) => service switch
    {
        AwsService.Ec2 => "ec2",
        AwsService.InstanceConnect => "ec2-instance-connect",
        AwsService.Sts => "sts",
        AwsService.Ssm => "ssm",
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
    };

    /// <summary>The suffix of the standard per-service endpoint variable AWS_ENDPOINT_URL_&lt;SERVICE_ID&gt;.</summary>
    public static string EndpointVariable(this AwsService service) => service switch
    {
        AwsService.Ec2 => "AWS_ENDPOINT_URL_EC2",
        AwsService.InstanceConnect => "AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT",
        AwsService.Sts => "AWS_ENDPOINT_URL_STS",
        AwsService.Ssm => "AWS_ENDPOINT_URL_SSM",
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
    };
}
