using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EicAgent.Simulator.InstanceConnect;

/// <summary>
/// Checks members of a JSON request against the model's constraints, collecting the messages in the service
/// framework's words ("Value 'x' at 'instanceId' failed to satisfy constraint: Member must ..."), one for every
/// constraint a value breaks.
/// </summary>
internal sealed class ModelValidation(JsonElement body)
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    /// <summary>"1 validation error detected: ..." or "N validation errors detected: ...; ...".</summary>
    public string Summary => _problems.Count == 1
        ? $"1 validation error detected: {_problems[0]}"
        : $"{_problems.Count} validation errors detected: {string.Join("; ", _problems)}";

    public string? String(string member, bool required, int min, int max, Regex? pattern)
    {
        if (!body.TryGetProperty(member, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                _problems.Add($"Value null at '{Path(member)}' failed to satisfy constraint: Member must not be null");
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            throw InstanceConnectErrors.Serialization($"Expected a string for {member}, got {element.ValueKind}");
        }

        var value = element.GetString()!;
        if (value.Length < min)
        {
            _problems.Add($"Value '{value}' at '{Path(member)}' failed to satisfy constraint: Member must have length greater than or equal to {min}");
        }

        if (value.Length > max)
        {
            _problems.Add($"Value '{value}' at '{Path(member)}' failed to satisfy constraint: Member must have length less than or equal to {max}");
        }

        if (pattern is not null && !pattern.IsMatch(value))
        {
            _problems.Add($"Value '{value}' at '{Path(member)}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern}");
        }

        return value;
    }

    public int? Integer(string member, int min, int max)
    {
        if (!body.TryGetProperty(member, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
        {
            throw InstanceConnectErrors.Serialization($"Expected an integer for {member}");
        }

        if (value < min)
        {
            _problems.Add($"Value '{value.ToString(CultureInfo.InvariantCulture)}' at '{Path(member)}' failed to satisfy constraint: Member must have value greater than or equal to {min}");
        }

        if (value > max)
        {
            _problems.Add($"Value '{value.ToString(CultureInfo.InvariantCulture)}' at '{Path(member)}' failed to satisfy constraint: Member must have value less than or equal to {max}");
        }

        return value;
    }

    // The framework names members with their first letter lowered: InstanceOSUser -> instanceOSUser, SSHPublicKey -> sSHPublicKey.
    private static string Path(string member) => char.ToLowerInvariant(member[0]) + member[1..];
}
