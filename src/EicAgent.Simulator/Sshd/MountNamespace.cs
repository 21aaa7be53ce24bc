namespace EicAgent.Simulator.Sshd;

/// <summary>
/// Linux mount namespaces as /proc shows them (`mnt:[4026532...]`): an instance run as its own machine (unshare) has
/// one, so every process left in it at shutdown belongs to that instance, however it was reparented.
/// </summary>
internal static class MountNamespace
{
    public static string? Of(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/ns/mnt").LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static IReadOnlyList<int> Members(string mountNamespace) =>
    [
        .. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && Of(pid) == mountNamespace),
    ];
}
