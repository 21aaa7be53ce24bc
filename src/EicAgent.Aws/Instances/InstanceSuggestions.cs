using System.Text.RegularExpressions;

namespace EicAgent.Aws.Instances;

/// <summary>
/// What to add when a target names no instance: whether it looks like a mistyped instance id, the closest ids and
/// Names the account has in that region ("did you mean"), and where to see them all (`eic ls`).
/// </summary>
internal static partial class InstanceSuggestions
{
    /// <summary>Enough pages to suggest from without walking a huge account for an error message.</summary>
    private const int MaxPages = 3;

    private const int MaxSuggestions = 3;

    public static async Task<string> ForAsync(IEc2Api ec2, string target, TargetKind kind, CancellationToken cancellationToken)
    {
        var hint = MistypedId(target, kind);
        IReadOnlyList<string> closest;
        try
        {
            closest = Closest(target, await KnownAsync(ec2, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Only a hint: a caller who may not list the whole region still gets the plain message.
            closest = [];
        }

        if (closest.Count > 0)
        {
            hint += $"; did you mean {string.Join(" or ", closest)}?";
        }

        return hint + "; `eic ls` lists the instances";
    }

    /// <summary>"i-0a1b2c3d4e5f0001" (16 hex digits) is not a Name tag anyone chose: say what an id looks like.</summary>
    internal static string MistypedId(string target, TargetKind kind)
    {
        if (kind != TargetKind.NameTag || !AlmostId().IsMatch(target.ToLowerInvariant()))
        {
            return string.Empty;
        }

        var digits = target.Length - 2;
        return $"; '{target}' looks like a mistyped instance id: an id is i- and 17 hex digits (or 8 for old ones), this has {digits} characters after i-";
    }

    internal static IReadOnlyList<string> Closest(string target, IReadOnlyList<Ec2Instance> instances)
    {
        var lower = target.ToLowerInvariant();
        var candidates = instances
            .SelectMany(instance => new[] { (Key: instance.InstanceId, Shown: Shown(instance)), (Key: instance.Name ?? string.Empty, Shown: instance.Name ?? string.Empty) })
            .Where(candidate => candidate.Key.Length > 0)
            .Select(candidate => (candidate.Shown, Distance: Distance(lower, candidate.Key.ToLowerInvariant())))
            .Where(candidate => candidate.Distance <= Math.Max(2, lower.Length / 4))
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Shown, StringComparer.Ordinal);
        return [.. candidates.Select(candidate => candidate.Shown).Distinct().Take(MaxSuggestions)];
    }

    private static string Shown(Ec2Instance instance) => instance.Name is null ? instance.InstanceId : $"{instance.InstanceId} ({instance.Name})";

    private static async Task<IReadOnlyList<Ec2Instance>> KnownAsync(IEc2Api ec2, CancellationToken cancellationToken)
    {
        var all = new List<Ec2Instance>();
        string? token = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var result = await ec2.DescribeInstancesAsync([], token, cancellationToken).ConfigureAwait(false);
            all.AddRange(result.Instances.Where(i => i.State is not (Ec2InstanceState.Terminated or Ec2InstanceState.ShuttingDown)));
            token = result.NextToken;
            if (token is null)
            {
                break;
            }
        }

        return all;
    }

    /// <summary>Edit distance where a dropped, added or changed character, or two swapped neighbours ("wbe"), count one.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    [GeneratedRegex("^i-[0-9a-f]{4,25}$")]
    private static partial Regex AlmostId();
}
