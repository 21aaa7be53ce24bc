using System.Text;
using EicAgent.Simulator.Sshd;

namespace EicAgent.Simulator.SerialConsole;

/// <summary>
/// The sshd_config of the serial console endpoint: it lets in INSTANCE.port0 only with a key pushed by
/// SendSerialConsoleSSHPublicKey for that instance in the last 60 s, and runs nothing but the console session.
/// </summary>
internal sealed record SerialEndpointConfig(
    string ListenAddress,
    int Port,
    string HostKeyPath,
    string AuthorizedKeysScriptPath,
    string SessionScriptPath,
    IReadOnlyList<string> InstanceIds,
    bool DisablePerSourcePenalties)
{
    /// <summary>The user the endpoint logs in for serial port 0 of an instance, as AWS's: i-0123456789abcdef0.port0.</summary>
    public static string UserFor(string instanceId) => instanceId + ".port0";

    public string Write(string path)
    {
        File.WriteAllText(path, Text());
        return path;
    }

    private string Text()
    {
        var text = new StringBuilder();
        text.AppendLine("# sshd of the simulated EC2 Serial Console endpoint (written by the EicAgent simulator)");
        text.AppendLine($"ListenAddress {ListenAddress}:{Port}");
        SshdConfig.AppendKeyOnlyLogin(text, HostKeyPath);
        text.AppendLine("AuthorizedKeysFile none");
        text.AppendLine("AuthorizedKeysCommandUser nobody");
        text.AppendLine($"AllowUsers {string.Join(' ', InstanceIds.Select(UserFor))}");
        // A console, not a shell: no forwarding, no files, whatever command the client asks for.
        text.AppendLine("DisableForwarding yes");
        text.AppendLine("PermitUserRC no");
        text.AppendLine($"ForceCommand /bin/bash {SessionScriptPath}");
        text.AppendLine("MaxStartups 100:30:200");
        if (DisablePerSourcePenalties)
        {
            text.AppendLine("PerSourcePenalties no");
        }

        // Each instance's user asks for the keys pushed for that instance's serial port 0, and only those.
        foreach (var instanceId in InstanceIds)
        {
            text.AppendLine($"Match User {UserFor(instanceId)}");
            text.AppendLine($"    AuthorizedKeysCommand {AuthorizedKeysScriptPath} {instanceId} {SerialConsolePushes.KeyStoreUser(0)} %f");
        }

        return text.ToString();
    }
}
