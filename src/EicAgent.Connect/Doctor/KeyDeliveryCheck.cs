using EicAgent.Agent.KeyFiles;
using EicAgent.Agent.Listeners;

namespace EicAgent.Cli.Doctor;

/// <summary>How ssh gets a connection's key here: from its key file (one key lookup on the instance per login), or by the agent's offer (two).</summary>
internal static class KeyDeliveryCheck
{
    private const string Name = "key delivery";
    private const string ByOffer = "agent offer (the instance looks the key up twice per login)";

    public static DoctorCheck Mode(string? socketOption)
    {
        string directory;
        try
        {
            directory = KeyFileDirectory.DirectoryOf(AgentEndpoint.Resolve(socketOption));
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or InvalidOperationException)
        {
            return DoctorCheck.Pass(Name, $"{ByOffer}: {exception.Message}");
        }

        return KeyFileDirectory.Unusable(directory) is { } reason
            ? DoctorCheck.Pass(Name, $"{ByOffer}: {reason}")
            : DoctorCheck.Pass(Name, $"key file {Path.Combine(directory, KeyFileDirectory.Prefix)}USER@HOST:PORT, read by ssh at once (one key lookup on the instance per login; "
                + "needs the IdentityFile and --key-file lines of `eic ssh-config`, else the agent offers the key)");
    }
}
