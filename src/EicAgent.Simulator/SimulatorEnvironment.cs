namespace EicAgent.Simulator;

/// <summary>The standard AWS variables that send SDKs and CLIs to the simulator with its default caller's credentials.</summary>
internal static class SimulatorEnvironment
{
    public static IReadOnlyDictionary<string, string> For(Uri endpoint, SimulatedCaller caller, string region)
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
        return variables;
    }
}
