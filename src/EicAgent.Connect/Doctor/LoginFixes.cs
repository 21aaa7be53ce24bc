namespace EicAgent.Cli.Doctor;

/// <summary>The fix for a failed login, from what ssh (and eic's ProxyCommand before it) printed.</summary>
internal static class LoginFixes
{
    public static string For(string said, SshResolvedTarget resolved)
    {
        if (said.Contains("Permission denied", StringComparison.Ordinal))
        {
            return $"the key was offered, but {resolved.User} cannot log in with it: EC2 Instance Connect cannot create users, so "
                + $"{resolved.User} may not exist on this instance; log in as the AMI's user (ec2-user: Amazon Linux, RHEL; ubuntu: Ubuntu; admin: Debian)";
        }

        var port = resolved.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (resolved.Port != 22 && (said.Contains($":{port}:", StringComparison.Ordinal) || said.Contains($"port {port}", StringComparison.Ordinal)))
        {
            return $"ssh uses port {resolved.Port} (from your ssh config; see `ssh -G`): check the Port line for this host";
        }

        return said.Contains("eic", StringComparison.Ordinal)
            ? "follow eic's message above; `ssh -v` shows the rest"
            : "run `ssh -v` with the same target for the details";
    }
}
