using System.Text.RegularExpressions;
using EicAgent.Aws.Instances;

namespace EicAgent.Aws.Targets;

/// <summary>
/// A host name as ssh passes it (<c>%h</c>) split into the instance target and the AWS profile and region to look in.
/// <para>
/// Grammar: <c>TARGET[.PROFILE][.REGION].eic</c>, read from the right. Without the trailing <c>.eic</c> the whole
/// host is the target. With it: a last label shaped like a region (<c>eu-west-1</c>, <c>us-gov-west-1</c>,
/// <c>cn-north-1</c>) is the region; the label before it, or the last label when there is no region, is the profile,
/// as long as a target remains in front of it. A target that is an IPv4 address or an EC2 DNS name is recognised
/// from the left first, so its dots never eat into the profile and region:
/// <c>ip-10-0-0-1.eu-west-1.compute.internal.prod.eic</c> is that DNS name in profile <c>prod</c>.
/// </para>
/// <para>
/// Precedence: the host name beats <c>--profile</c>/<c>--region</c>, which beat the SDK's environment and config.
/// The host name is the most specific thing the user said: one ssh_config <c>Host *.eic</c> block (with one
/// ProxyCommand and its flags) serves every account, and the name typed for this connection picks among them.
/// </para>
/// </summary>
public sealed partial record TargetSpec(string Target, string? Profile, string? Region)
{
    public const string Suffix = ".eic";

    public TargetKind Kind => TargetKinds.Classify(Target);

    /// <summary>Splits <paramref name="host"/>; <paramref name="defaultProfile"/> and <paramref name="defaultRegion"/> (the flags) fill what it leaves out.</summary>
    /// <exception cref="FormatException">With a one-line message saying what is wrong with the host name.</exception>
    public static TargetSpec Parse(string host, string? defaultProfile = null, string? defaultRegion = null)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            throw new FormatException("empty target: give an instance id, Name tag, DNS name or IP address");
        }

        host = host.Trim();
        if (!host.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
        {
            return new TargetSpec(host, defaultProfile, defaultRegion);
        }

        var labels = host[..^Suffix.Length].Split('.');
        if (labels.Any(label => label.Length == 0))
        {
            throw new FormatException($"'{host}' has an empty label: write TARGET[.PROFILE][.REGION].eic");
        }

        var addressLabels = TargetKinds.LeadingAddressLabelCount(labels);
        return addressLabels > 0
            ? ParseAfterAddress(host, labels, addressLabels, defaultProfile, defaultRegion)
            : ParseFromRight(labels, defaultProfile, defaultRegion);
    }

    /// <summary>True for labels shaped like an AWS region: a 2-4 letter partition/area prefix, an optional qualifier, a compass direction, a number.</summary>
    public static bool LooksLikeRegion(string label) => RegionPattern().IsMatch(label);

    private static TargetSpec ParseFromRight(string[] labels, string? defaultProfile, string? defaultRegion)
    {
        var end = labels.Length;
        string? region = null;
        string? profile = null;
        if (end > 1 && LooksLikeRegion(labels[end - 1]))
        {
            region = labels[--end];
        }

        if (end > 1)
        {
            profile = labels[--end];
        }

        return new TargetSpec(string.Join('.', labels[..end]), profile ?? defaultProfile, region ?? defaultRegion);
    }

    private static TargetSpec ParseAfterAddress(string host, string[] labels, int addressLabels, string? defaultProfile, string? defaultRegion)
    {
        var target = string.Join('.', labels[..addressLabels]);
        var rest = labels[addressLabels..];
        return rest switch
        {
            [] => new TargetSpec(target, defaultProfile, defaultRegion),
            [var one] when LooksLikeRegion(one) => new TargetSpec(target, defaultProfile, one),
            [var one] => new TargetSpec(target, one, defaultRegion),
            [var profile, var region] when LooksLikeRegion(region) => new TargetSpec(target, profile, region),
            _ => throw new FormatException(
                $"'{host}': after '{target}' expected [PROFILE][.REGION].eic, got '{string.Join('.', rest)}'"),
        };
    }

    [GeneratedRegex("^[a-z]{2,4}-(?:[a-z]{2,4}-)?(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-[0-9]{1,2}$")]
    private static partial Regex RegionPattern();
}
