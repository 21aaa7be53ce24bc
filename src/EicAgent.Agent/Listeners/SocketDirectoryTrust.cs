using System.Globalization;
using System.Runtime.Versioning;
using EicAgent.Agent.Platform;

namespace EicAgent.Agent.Listeners;

/// <summary>
/// The directory of the agent's socket must be ours alone: a directory (not a symbolic link), owned by our uid,
/// writable by nobody else. Otherwise another user could replace the socket with one they answer on. Only the
/// directory itself is checked, not its parents.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class SocketDirectoryTrust
{
    private const UnixFileMode WritableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>Throws <see cref="IOException"/> with one line saying what is wrong and what to do.</summary>
    public static void Ensure(string directory, uint ownUid)
    {
        if (FileStatus.Read(directory) is not { } status)
        {
            // A platform without lstat here: nothing more to check than what creating the socket checks.
            return;
        }

        if (!status.IsDirectory)
        {
            throw new IOException($"the socket directory {directory} is not a directory (a symbolic link?): use a directory of your own");
        }

        if (status.Owner != ownUid)
        {
            throw new IOException(
                $"the socket directory {directory} belongs to uid {status.Owner}, not to you (uid {ownUid}): use a directory of your own, e.g. the default");
        }

        if ((status.Mode & WritableByOthers) != 0)
        {
            var mode = Convert.ToString((int)status.Mode, 8).PadLeft(4, '0');
            throw new IOException(
                string.Create(CultureInfo.InvariantCulture, $"the socket directory {directory} is writable by others (mode {mode}): chmod 700 it or use another directory"));
        }
    }
}
