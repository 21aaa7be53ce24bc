using System.Text.Json;

namespace EicAgent.Simulator.Policy;

/// <summary>
/// The JSON policy file of `eic sim --policy FILE` and <see cref="AccessPolicy.Load"/>:
/// <code>
/// {
///   "callers": [                                   // optional: more identities besides the default one
///     { "accessKeyId": "AKIAEXAMPLEBOB000001", "secretAccessKey": "bob-secret",
///       "arn": "arn:aws:iam::123456789012:user/bob", "userId": "AIDAEXAMPLEBOB00001", "sessionToken": null }
///   ],
///   "allow": [                                     // everything not allowed here is refused
///     { "caller": "*", "action": ["ec2:Describe*", "ec2:GetConsoleOutput"] },
///     { "caller": "arn:aws:iam::123456789012:user/bob", "action": "ec2-instance-connect:SendSSHPublicKey",
///       "instance": "i-0a1b2c3d4e5f00001", "osUser": ["ec2-user"] },
///     { "action": "ec2-instance-connect:OpenTunnel", "maxTunnelDuration": 1800 }
///   ]
/// }
/// </code>
/// "caller", "action", "instance" and "osUser" each take a string or an array of strings with * and ? wildcards;
/// a missing one means "*". "caller" matches the ARN or the access key id. "maxTunnelDuration" (seconds, 1-3600)
/// caps what an OpenTunnel may ask for (<see cref="PolicyStatement.MaxTunnelSeconds"/>).
/// </summary>
internal static class PolicyFile
{
    public static AccessPolicy Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"policy {path}: cannot read it: {e.Message}", e);
        }

        try
        {
            return Parse(text);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new InvalidDataException($"policy {path}: {e.Message}", e);
        }
    }

    public static AccessPolicy Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("the policy must be a JSON object with \"allow\" (and optionally \"callers\")");
        }

        if (!root.TryGetProperty("allow", out var allow) || allow.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("\"allow\" must be an array of statements");
        }

        var callers = root.TryGetProperty("callers", out var callerArray) ? ReadCallers(callerArray) : [];
        var statements = allow.EnumerateArray().Select((statement, index) => ReadStatement(statement, $"allow[{index}]")).ToArray();
        return AccessPolicy.Allow(statements, callers);
    }

    private static PolicyStatement ReadStatement(JsonElement statement, string where)
    {
        if (statement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{where} must be an object");
        }

        foreach (var property in statement.EnumerateObject())
        {
            if (property.Name is not ("caller" or "action" or "instance" or "osUser" or "maxTunnelDuration"))
            {
                throw new InvalidDataException($"{where}: unknown field \"{property.Name}\" (expected caller, action, instance, osUser, maxTunnelDuration)");
            }
        }

        return new PolicyStatement(
            Patterns(statement, "caller", where),
            Patterns(statement, "action", where),
            Patterns(statement, "instance", where),
            Patterns(statement, "osUser", where))
        {
            MaxTunnelSeconds = TunnelCap(statement, where),
        };
    }

    private static string[] Patterns(JsonElement statement, string name, string where)
    {
        if (!statement.TryGetProperty(name, out var value))
        {
            return ["*"];
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array when value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) =>
                value.EnumerateArray().Select(v => v.GetString()!).ToArray(),
            _ => throw new InvalidDataException($"{where}.{name} must be a string or an array of strings"),
        };
    }

    private static int? TunnelCap(JsonElement statement, string where)
    {
        if (!statement.TryGetProperty("maxTunnelDuration", out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var seconds) && seconds is >= 1 and <= 3600
            ? seconds
            : throw new InvalidDataException($"{where}.maxTunnelDuration must be a whole number of seconds from 1 to 3600");
    }

    private static SimulatedCaller[] ReadCallers(JsonElement callers)
    {
        if (callers.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("\"callers\" must be an array");
        }

        return callers.EnumerateArray().Select((caller, index) =>
        {
            string Required(string name) =>
                caller.ValueKind == JsonValueKind.Object && caller.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                    ? v.GetString()!
                    : throw new InvalidDataException($"callers[{index}].{name} must be a string");
            var token = caller.TryGetProperty("sessionToken", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            return new SimulatedCaller(Required("accessKeyId"), Required("secretAccessKey"), Required("arn"), Required("userId"), token);
        }).ToArray();
    }
}
