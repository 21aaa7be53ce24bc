using Amazon.Runtime;

namespace EicAgent.Aws.InstanceConnect;

/// <summary>
/// The SDK's "defaults mode" table (AWS_DEFAULTS_MODE / defaults_mode): the same values every generated client carries.
/// </summary>
internal static class InstanceConnectDefaultConfigurations
{
    public static IReadOnlyList<IDefaultConfiguration> All { get; } =
    [
        Create(DefaultConfigurationMode.Standard, connectMilliseconds: 3100),
        Create(DefaultConfigurationMode.InRegion, connectMilliseconds: 1100),
        Create(DefaultConfigurationMode.CrossRegion, connectMilliseconds: 3100),
        Create(DefaultConfigurationMode.Mobile, connectMilliseconds: 30000),
        Create(DefaultConfigurationMode.Auto, connectMilliseconds: 1100),
    ];

    private static DefaultConfiguration Create(DefaultConfigurationMode mode, int connectMilliseconds) => new()
    {
        Name = mode,
        RetryMode = RequestRetryMode.Standard,
        S3UsEast1RegionalEndpoint = S3UsEast1RegionalEndpointValue.Regional,
        ConnectTimeout = TimeSpan.FromMilliseconds(connectMilliseconds),
        TlsNegotiationTimeout = TimeSpan.FromMilliseconds(connectMilliseconds),
    };
}
