namespace EicAgent.Aws.Scopes;

/// <summary>
/// One setting of a profile in the shared config file that AWSSDK.Core does not read itself (`ca_bundle`), found as
/// the AWS CLI finds it: `[profile NAME]` (or `[default]`), `key = value`, # and ; starting comment lines.
/// </summary>
internal static class AwsConfigValue
{
    /// <summary>The value of <paramref name="key"/> in <paramref name="profileName"/>'s section; null when the file, the section or the key is missing.</summary>
    public static string? Read(AwsContext context, string profileName, string key)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Get(AwsContext.ConfigFile)
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws", "config");
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var inSection = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                var section = line[1..^1].Trim();
                inSection = section == $"profile {profileName}" || (profileName == "default" && section == "default");
            }
            else if (inSection && line.IndexOf('=', StringComparison.Ordinal) is > 0 and var equals && line[..equals].Trim() == key)
            {
                var value = line[(equals + 1)..].Trim();
                return value.Length == 0 ? null : value;
            }
        }

        return null;
    }
}
