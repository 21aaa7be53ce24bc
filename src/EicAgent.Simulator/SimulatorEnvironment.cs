namespace EicAgent.Simulator;

/// <summary>The standard AWS variables that send SDKs and CLIs to the simulator with its default caller's credentials.</summary>
internal static class SimulatorEnvironment
{
    /// <summary>The variable eic's proxy reads to reach an Instance Connect Endpoint without resolving its DNS name.</summary>
    public const string EndpointConnectToVariable = "EIC_EICE_CONNECT_TO";

    public static IReadOnlyDictionary<string, string> For(Uri endpoint, SimulatedCaller caller, string region, int tunnelPort, string caBundlePath)
    {
        var url = endpoint.GetLeftPart(UriPartial.Authority);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_ENDPOINT_URL"] = url,
        };
        foreach (var service in AwsServices.All)
        {
            variables[service.EndpointVariable()] = url;
        }

        variables["AWS_ACCESS_KEY_ID"] = caller.AccessKeyId;
        variables["AWS_SECRET_ACCESS_KEY"] = caller.SecretAccessKey;
        if (caller.SessionToken is not null)
        {
            variables["AWS_SESSION_TOKEN"] = caller.SessionToken;
        }

        variables["AWS_REGION"] = region;
        variables["AWS_DEFAULT_REGION"] = region;
        variables["AWS_EC2_METADATA_DISABLED"] = "true";
        if (tunnelPort > 0)
        {
            variables[EndpointConnectToVariable] = $"127.0.0.1:{tunnelPort}";
            variables["AWS_CA_BUNDLE"] = caBundlePath;
        }

        return variables;
    }
}
