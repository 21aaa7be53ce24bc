namespace EicAgent.Aws.Listing;

/// <summary>The OS user an image is usually logged in to as; <see cref="IsGuess"/> when nothing named the distribution.</summary>
public sealed record OsUserGuess(string? User, bool IsGuess)
{
    /// <summary>"ubuntu", "ec2-user?" for a guess, "-" for Windows (no ssh user).</summary>
    public string Display => User is null ? "-" : IsGuess ? $"{User}?" : User;
}

/// <summary>
/// The one place that maps what EC2 says about an image to its usual default user. PlatformDetails alone cannot
/// tell Ubuntu from Amazon Linux (both are "Linux/UNIX"), so the image's name and description are read too.
/// </summary>
public static class DefaultOsUsers
{
    public const string Fallback = "ec2-user";

    // Order matters: Bitnami images are built on Debian/Ubuntu and say so; CentOS and Fedora before "red hat".
    private static readonly (string Marker, string User)[] Markers =
    [
        ("bitnami", "bitnami"),
        ("ubuntu", "ubuntu"),
        ("debian", "admin"),
        ("centos", "centos"),
        ("fedora", "fedora"),
        ("amazon linux", "ec2-user"),
        ("amzn", "ec2-user"),
        ("al2023", "ec2-user"),
        ("red hat", "ec2-user"),
        ("rhel", "ec2-user"),
        ("suse", "ec2-user"),
        ("sles", "ec2-user"),
    ];

    public static OsUserGuess For(string? platformDetails, string? imageName = null, string? imageDescription = null)
    {
        if (platformDetails?.Contains("windows", StringComparison.OrdinalIgnoreCase) == true)
        {
            return new OsUserGuess(null, IsGuess: false);
        }

        foreach (var text in (string?[])[imageName, imageDescription, platformDetails])
        {
            if (text is null)
            {
                continue;
            }

            foreach (var (marker, user) in Markers)
            {
                if (text.Contains(marker, StringComparison.OrdinalIgnoreCase))
                {
                    return new OsUserGuess(user, IsGuess: false);
                }
            }
        }

        return new OsUserGuess(Fallback, IsGuess: true);
    }
}
