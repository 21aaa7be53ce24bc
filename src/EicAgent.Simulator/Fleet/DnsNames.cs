namespace EicAgent.Simulator.Fleet;

/// <summary>The DNS names EC2 derives from an instance's addresses (us-east-1 has its own older pattern).</summary>
internal static class DnsNames
{
    public static string Public(string address, string region) => region == "us-east-1"
        ? $"ec2-{Dashed(address)}.compute-1.amazonaws.com"
        : $"ec2-{Dashed(address)}.{region}.compute.amazonaws.com";

    public static string Private(string address, string region) => region == "us-east-1"
        ? $"ip-{Dashed(address)}.ec2.internal"
        : $"ip-{Dashed(address)}.{region}.compute.internal";

    private static string Dashed(string address) => address.Replace('.', '-');
}
