namespace EicAgent.Aws.SerialConsole;

/// <summary>One region's EC2 Serial Console endpoint: where ssh connects (port 22) and the host key fingerprint AWS publishes.</summary>
public sealed record SerialConsoleEndpoint(string Region, string HostName, string Fingerprint, string? FipsHostName)
{
    public const int Port = 22;
}
