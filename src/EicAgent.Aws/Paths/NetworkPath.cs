namespace EicAgent.Aws.Paths;

/// <summary>How the user asked to reach an instance (`--via`).</summary>
public enum NetworkPath
{
    /// <summary>The paths of <see cref="AutoRoutes"/> in turn: by default the public address, else the VPC's endpoint, else Session Manager.</summary>
    Auto,

    /// <summary>The public address, directly.</summary>
    Direct,

    /// <summary>The private address, directly: for users inside the VPC or on a VPN.</summary>
    Private,

    /// <summary>Through an EC2 Instance Connect Endpoint.</summary>
    Eice,

    /// <summary>Through Systems Manager Session Manager (document AWS-StartSSHSession): no inbound rule, no endpoint, no public address.</summary>
    Ssm,
}

public static class NetworkPaths
{
    public static bool TryParse(string text, out NetworkPath path) =>
        Enum.TryParse(text, ignoreCase: true, out path) && Enum.IsDefined(path);

    public static string Name(NetworkPath path) => path.ToString().ToLowerInvariant();
}
