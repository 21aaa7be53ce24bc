namespace EicAgent.Aws.Paths;

/// <summary>
/// The order in which `--via auto` tries the paths (`--auto-order`, default direct,eice,ssm): the first that can
/// carry the connection wins -- a public address, a usable endpoint in the VPC, an instance online in Session Manager.
/// </summary>
public static class AutoRoutes
{
    public static IReadOnlyList<NetworkPath> Default { get; } = [NetworkPath.Direct, NetworkPath.Eice, NetworkPath.Ssm];

    /// <summary>Parses "direct,eice,ssm" (any order, any subset, each once); "" is the default.</summary>
    public static bool TryParse(string text, out IReadOnlyList<NetworkPath> order)
    {
        order = Default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var paths = new List<NetworkPath>();
        foreach (var name in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!NetworkPaths.TryParse(name, out var path) || path is NetworkPath.Auto || paths.Contains(path))
            {
                return false;
            }

            paths.Add(path);
        }

        order = paths;
        return true;
    }

    public static string Name(IReadOnlyList<NetworkPath> order) => string.Join(',', order.Select(NetworkPaths.Name));
}
