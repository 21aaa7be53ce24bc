namespace EicAgent.Simulator.Sshd;

/// <summary>
/// The AuthorizedKeysCommand of every simulated instance. Like aws-ec2-instance-connect-config's script asks IMDS for
/// managed-ssh-keys/active-keys/USER, it asks the simulator over loopback HTTP (bash /dev/tcp, no curl) for the keys
/// pushed for this instance and user within the last 60 seconds, and prints them.
/// </summary>
internal static class AuthorizedKeysScript
{
    public const string FileName = "eic-authorized-keys";

    public static string Write(string directory, int simulatorPort)
    {
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, Text(simulatorPort));
        File.SetUnixFileMode(path, Sshd.Permissions.Executable);
        return path;
    }

    // sshd calls it as `eic-authorized-keys INSTANCE_ID %u`; a non-zero exit or no output means "no keys".
    private static string Text(int port) => $$"""
        #!/bin/bash
        # AuthorizedKeysCommand of a simulated EC2 instance (written by the EicAgent simulator).
        # Prints the keys pushed with SendSSHPublicKey for instance $1 and OS user $2 in the last 60 seconds.
        set -u
        instance=${1-} user=${2-}
        instance_pattern='^i-[0-9a-f]+$'
        user_pattern='^[A-Za-z0-9_.@$-]+$'
        [[ $instance =~ $instance_pattern && $user =~ $user_pattern ]] || exit 1
        exec 3<>/dev/tcp/127.0.0.1/{{port}} || exit 1
        printf 'GET /instances/%s/keys/%s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$instance" "$user" >&3
        IFS= read -r -t 5 status <&3 || exit 1
        [[ $status == HTTP/1.?' 200 '* ]] || exit 1
        while IFS= read -r -t 5 line <&3 && [[ $line != $'\r' && -n $line ]]; do :; done
        while IFS= read -r -t 5 line <&3 || [[ -n ${line-} ]]; do
          [[ $line == ssh-* ]] && printf '%s\n' "$line"
          line=
        done
        exit 0
        """;
}
