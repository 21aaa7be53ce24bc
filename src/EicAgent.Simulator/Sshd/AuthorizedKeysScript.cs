namespace EicAgent.Simulator.Sshd;

/// <summary>
/// The AuthorizedKeysCommand of every simulated instance. Like aws-ec2-instance-connect-config's script asks IMDS for
/// managed-ssh-keys/active-keys/USER, it asks the simulator over loopback HTTP (bash /dev/tcp, no curl) for the key
/// sshd is checking (%f), if it was pushed for this instance and user within the last 60 seconds, and prints it.
/// </summary>
internal static class AuthorizedKeysScript
{
    public const string FileName = "eic-authorized-keys";

    public static string Write(string directory, int simulatorPort, TimeSpan lookupLimit)
    {
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, Text(simulatorPort, (int)Math.Ceiling(lookupLimit.TotalSeconds) + 2));
        File.SetUnixFileMode(path, Sshd.Permissions.Executable);
        return path;
    }

    // sshd calls it as `eic-authorized-keys INSTANCE_ID %u %f`; a non-zero exit or no output means "no keys".
    // Asking for the one fingerprint keeps the answer small however many keys were pushed in the last minute:
    // bash reads a socket a byte at a time, and sshd runs this twice per login. The simulator still charges the work
    // of checking every live key (KeyLookupCost) and answers nothing past the limit; the reads wait a little longer.
    private static string Text(int port, int readSeconds) => $$"""
        #!/bin/bash
        # AuthorizedKeysCommand of a simulated EC2 instance (written by the EicAgent simulator).
        # Prints the key with fingerprint $3 if it was pushed with SendSSHPublicKey for instance $1 and OS user $2 in
        # the last 60 seconds.
        set -u
        instance=${1-} user=${2-} fingerprint=${3-}
        instance_pattern='^i-[0-9a-f]+$'
        user_pattern='^[A-Za-z0-9_.@$-]+$'
        fingerprint_pattern='^SHA256:[A-Za-z0-9+/]+=*$'
        [[ $instance =~ $instance_pattern && $user =~ $user_pattern && $fingerprint =~ $fingerprint_pattern ]] || exit 1
        fingerprint=${fingerprint//+/%2B} fingerprint=${fingerprint//\//%2F} fingerprint=${fingerprint//=/%3D}
        exec 3<>/dev/tcp/127.0.0.1/{{port}} || exit 1
        printf 'GET /instances/%s/keys/%s?fingerprint=%s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$instance" "$user" "$fingerprint" >&3
        IFS= read -r -t {{readSeconds}} status <&3 || exit 1
        [[ $status == HTTP/1.?' 200 '* ]] || exit 1
        while IFS= read -r -t {{readSeconds}} line <&3 && [[ $line != $'\r' && -n $line ]]; do :; done
        while IFS= read -r -t {{readSeconds}} line <&3 || [[ -n ${line-} ]]; do
          [[ $line == ssh-* ]] && printf '%s\n' "$line"
          line=
        done
        exit 0
        """;
}
