using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace EicAgent.Aws.Instances;

/// <summary>What a user's target names, judged by its shape alone.</summary>
public enum TargetKind
{
    /// <summary><c>i-</c> and 8 or 17 hex digits.</summary>
    InstanceId,
    Ipv4,
    Ipv6,

    /// <summary>EC2's public names: <c>ec2-1-2-3-4.eu-west-1.compute.amazonaws.com</c>, <c>...compute-1.amazonaws.com</c>.</summary>
    PublicDnsName,

    /// <summary>EC2's private names: <c>ip-10-0-0-1.eu-west-1.compute.internal</c>, <c>ip-10-0-0-1.ec2.internal</c>.</summary>
    PrivateDnsName,

    /// <summary>Anything else is taken for a <c>Name</c> tag (which may contain dots).</summary>
    NameTag,
}

/// <summary>Classifies targets; one place for the shapes of ids, addresses and EC2 DNS names.</summary>
public static partial class TargetKinds
{
    public static TargetKind Classify(string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        if (InstanceIdPattern().IsMatch(target))
        {
            return TargetKind.InstanceId;
        }

        if (IPAddress.TryParse(target, out var address) && (target.Contains(':', StringComparison.Ordinal) || Ipv4Pattern().IsMatch(target)))
        {
            return address.AddressFamily == AddressFamily.InterNetworkV6 ? TargetKind.Ipv6 : TargetKind.Ipv4;
        }

        var lower = target.ToLowerInvariant();
        if (lower.EndsWith(".compute.internal", StringComparison.Ordinal) || lower.EndsWith(".ec2.internal", StringComparison.Ordinal))
        {
            return TargetKind.PrivateDnsName;
        }

        if (PublicDnsPattern().IsMatch(lower))
        {
            return TargetKind.PublicDnsName;
        }

        return TargetKind.NameTag;
    }

    /// <summary>How many leading labels form an IPv4 address or an EC2 DNS name; 0 if they form neither.</summary>
    internal static int LeadingAddressLabelCount(IReadOnlyList<string> labels)
    {
        if (labels.Count >= 4 && Ipv4Pattern().IsMatch(string.Join('.', labels.Take(4))))
        {
            return 4;
        }

        for (var start = 1; start < labels.Count; start++)
        {
            foreach (var suffix in Ec2DnsSuffixes)
            {
                if (start + suffix.Length <= labels.Count
                    && suffix.Select((label, i) => label.Equals(labels[start + i], StringComparison.OrdinalIgnoreCase)).All(same => same)
                    && Classify(string.Join('.', labels.Take(start + suffix.Length))) is TargetKind.PrivateDnsName or TargetKind.PublicDnsName)
                {
                    return start + suffix.Length;
                }
            }
        }

        return 0;
    }

    // Longest first, so "amazonaws.com.cn" is not cut at ".com".
    private static readonly string[][] Ec2DnsSuffixes =
        [["amazonaws", "com", "cn"], ["amazonaws", "com"], ["compute", "internal"], ["ec2", "internal"]];

    [GeneratedRegex("^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex InstanceIdPattern();

    [GeneratedRegex(@"^(?:\d{1,3}\.){3}\d{1,3}$")]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"^ec2-\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}\.(?:[a-z0-9-]+\.)+amazonaws\.com(?:\.cn)?$")]
    private static partial Regex PublicDnsPattern();
}
