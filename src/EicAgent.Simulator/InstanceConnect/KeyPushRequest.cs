using System.Text.Json;
using System.Text.RegularExpressions;
using EicAgent.Simulator.Keys;

namespace EicAgent.Simulator.InstanceConnect;

/// <summary>
/// The input of SendSSHPublicKey / SendSerialConsoleSSHPublicKey, validated as the ec2-instance-connect 2018-04-02 model
/// says (InstanceId 10-32 ^i-[a-f0-9]+$, InstanceOSUser 1-32 POSIX-like, SSHPublicKey 80-4096, AvailabilityZone 6-32,
/// SerialPort 0), then the key itself: a parsable ssh-ed25519 or ssh-rsa (2048 bits or more).
/// </summary>
internal sealed partial record KeyPushRequest(string InstanceId, string? OsUser, string PublicKey, string? AvailabilityZone)
{
    public static KeyPushRequest Parse(byte[] body, bool serialConsole)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw InstanceConnectErrors.Serialization($"The request body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw InstanceConnectErrors.Serialization("The request body must be a JSON object");
            }

            var check = new ModelValidation(document.RootElement);
            var instanceId = check.String("InstanceId", required: true, 10, 32, InstanceIdPattern());
            var osUser = serialConsole ? null : check.String("InstanceOSUser", required: true, 1, 32, OsUserPattern());
            var key = check.String("SSHPublicKey", required: true, 80, 4096, null);
            var zone = serialConsole ? null : check.String("AvailabilityZone", required: false, 6, 32, AvailabilityZonePattern());
            if (serialConsole)
            {
                check.Integer("SerialPort", 0, 0);
            }

            if (check.Problems.Count > 0)
            {
                throw InstanceConnectErrors.InvalidArgs(check.Summary);
            }

            if (OpenSshPublicKey.Problem(key!) is { } keyProblem)
            {
                throw InstanceConnectErrors.InvalidArgs(keyProblem);
            }

            return new KeyPushRequest(instanceId!, osUser, key!.Trim(), zone);
        }
    }

    // The model's patterns verbatim (both alternatives of InstanceOSUser).
    [GeneratedRegex("^i-[a-f0-9]+$")]
    private static partial Regex InstanceIdPattern();

    [GeneratedRegex(@"(^[A-Za-z_][A-Za-z0-9\@\._-]{0,30}[A-Za-z0-9\$_-]?$)|(^(?=.{2,32}$)[0-9]{1,32}[A-Za-z\@\._-][A-Za-z0-9\@\._-]*[A-Za-z0-9\$_-]?$)")]
    private static partial Regex OsUserPattern();

    [GeneratedRegex(@"^(\w+-){2,3}\d+\w+$")]
    private static partial Regex AvailabilityZonePattern();
}
