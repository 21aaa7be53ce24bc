using Amazon.Runtime.Endpoints;

namespace EicAgent.Aws.InstanceConnect;

/// <summary>The inputs of the service's endpoint rule set (Region, UseFIPS, UseDualStack, Endpoint).</summary>
internal sealed class InstanceConnectEndpointParameters : EndpointParameters
{
    public InstanceConnectEndpointParameters()
    {
        UseDualStack = false;
        UseFips = false;
    }

    public string? Region
    {
        get => (string?)this["Region"];
        set => this["Region"] = value;
    }

    public bool UseDualStack
    {
        get => (bool)this["UseDualStack"];
        set => this["UseDualStack"] = value;
    }

    public bool UseFips
    {
        get => (bool)this["UseFIPS"];
        set => this["UseFIPS"] = value;
    }

    /// <summary>An explicit endpoint: ServiceURL, which the SDK fills from the endpoint variables and profile.</summary>
    public string? Endpoint
    {
        get => (string?)this["Endpoint"];
        set => this["Endpoint"] = value;
    }
}
