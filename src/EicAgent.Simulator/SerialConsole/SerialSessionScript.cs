using EicAgent.Simulator.Sshd;

namespace EicAgent.Simulator.SerialConsole;

/// <summary>
/// The ForceCommand of the serial console endpoint: it attaches to the instance's console through the simulator
/// (GET /serial-console/ID/session, held open for the whole session: that is how the simulator counts the one
/// session an instance may have), replays the console log, then answers a getty-like `login:` prompt. The simulated
/// instances have no password-based user, so every login is incorrect, as on an instance nobody set a password on.
/// </summary>
internal static class SerialSessionScript
{
    public const string FileName = "eic-serial-console";

    public static string Write(string directory, int simulatorPort)
    {
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, Text(simulatorPort));
        File.SetUnixFileMode(path, Permissions.Executable);
        return path;
    }

    private static string Text(int port) => $$"""
        #!/bin/bash
        # Serial console session of a simulated EC2 instance (written by the EicAgent simulator), run by sshd for INSTANCE.port0.
        set -u
        user=$(id -un)
        instance=${user%.port0}
        instance_pattern='^i-[0-9a-f]+$'
        [[ $instance =~ $instance_pattern ]] || { printf 'not a serial console user: %s\n' "$user"; exit 1; }
        exec 3<>/dev/tcp/127.0.0.1/{{port}} || exit 1
        printf 'GET /serial-console/%s/session HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$instance" >&3
        IFS= read -r -t 10 status <&3 || exit 1
        lines=0 host=localhost
        while IFS= read -r -t 10 line <&3 && line=${line%$'\r'} && [[ -n $line ]]; do
          case ${line,,} in
            x-console-lines:*) lines=${line#*: } ;;
            x-host-name:*) host=${line#*: } ;;
          esac
        done
        if [[ $status != HTTP/1.?' 200 '* ]]; then
          while IFS= read -r -t 10 line <&3 || [[ -n ${line-} ]]; do printf '%s\n' "$line"; line=; done
          exit 1
        fi
        [[ $lines =~ ^[0-9]+$ ]] || lines=0
        for ((i = 0; i < lines; i++)); do
          IFS= read -r -t 10 line <&3 || break
          printf '%s\n' "$line"
        done
        while true; do
          printf '\n%s login: ' "$host"
          IFS= read -r name || exit 0
          [[ -n $name ]] || continue
          printf 'Password: '
          IFS= read -rs password || exit 0
          printf '\n\nLogin incorrect\n'
        done
        """;
}
