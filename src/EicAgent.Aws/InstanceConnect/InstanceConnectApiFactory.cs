using Amazon.Runtime;

namespace EicAgent.Aws.InstanceConnect;

/// <summary>
/// The one line to change when AWSSDK.EC2InstanceConnect becomes available: wrap its AmazonEC2InstanceConnectClient
/// instead of ours.
/// </summary>
internal static class InstanceConnectApiFactory
{
    public static IInstanceConnectApi Create(AWSCredentials credentials, InstanceConnectConfig config) =>
        new SdkInstanceConnectApi(new InstanceConnectClient(credentials, config));
}
