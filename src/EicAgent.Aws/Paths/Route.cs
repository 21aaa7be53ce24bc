namespace EicAgent.Aws.Paths;

/// <summary>Where the ProxyCommand connects to reach the instance's sshd.</summary>
public sealed record Route(string Address, int Port)
{
    public override string ToString() => Address.Contains(':', StringComparison.Ordinal) ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
