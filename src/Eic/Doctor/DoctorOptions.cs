using EicAgent.Aws.Paths;

namespace EicAgent.Cli.Doctor;

/// <summary>What `eic doctor` was asked: an optional <c>[user@]TARGET</c>, where to look, and which files.</summary>
internal sealed record DoctorOptions(string? Target, string? Profile, string? Region, string? SocketOption, string? SshConfigFile)
{
    public const string DefaultUser = SshResolvedTarget.DefaultUser;

    /// <summary>`--serial`: check the EC2 Serial Console path to the target instead of ssh's.</summary>
    public bool Serial { get; init; }

    /// <summary>`--via ssm`: check the Session Manager path even when ssh's ProxyCommand names none.</summary>
    public NetworkPath? Via { get; init; }

    /// <summary>The host part of <see cref="Target"/>.</summary>
    public string? Host => Target is null ? null : Target[(Target.LastIndexOf('@') + 1)..];

    /// <summary>The OS user of <see cref="Target"/>, or the default user.</summary>
    public string User => Target is not null && Target.LastIndexOf('@') is > 0 and var at ? Target[..at] : DefaultUser;
}
