namespace EicAgent.Agent.Platform;

/// <summary>
/// What lstat(2) says about a path: its owner, its permission bits and whether it is a directory (a symbolic
/// link is not). .NET has no API for a file's owner. The one place that picks the platform's call.
/// </summary>
internal sealed record FileStatus(uint Owner, UnixFileMode Mode, bool IsDirectory)
{
    private const int TypeMask = 0xF000;
    private const int DirectoryType = 0x4000;
    private const int PermissionMask = 0xFFF;

    /// <summary>Null when the path does not exist or cannot be read.</summary>
    public static FileStatus? Read(string path) =>
        OperatingSystem.IsLinux() ? LinuxFileStatus.Read(path)
        : OperatingSystem.IsMacOS() ? MacFileStatus.Read(path)
        : null;

    internal static FileStatus FromModeBits(uint owner, int mode) =>
        new(owner, (UnixFileMode)(mode & PermissionMask), (mode & TypeMask) == DirectoryType);
}
