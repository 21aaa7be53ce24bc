using EicAgent.Aws.Instances;

namespace EicAgent.Cli.Untrusted;

/// <summary>
/// What of an untrusted name may go into an ssh_config file. ssh_config has no escaping for patterns, so a Host is
/// written only when it is made of letters, digits, '.', '_' and '-' (no whitespace, quote, '*', '?', '!', ',' or
/// '%' to change what the line means); anything else appears only in a comment, escaped by
/// <see cref="UntrustedText.Printable"/>, so no character of it can end the comment and start a live line.
/// </summary>
internal static class SshConfigText
{
    public static bool IsHostName(string? name) =>
        !string.IsNullOrEmpty(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>EC2's instance id shape: "i-" and 8 or 17 hex digits. Anything else from AWS is not written at all.</summary>
    public static bool IsInstanceId(string? id) => !string.IsNullOrWhiteSpace(id) && TargetKinds.Classify(id) == TargetKind.InstanceId;

    /// <summary>One comment line ("# " and the text, escaped), without its newline.</summary>
    public static string Comment(string text) => "# " + UntrustedText.Printable(text);

    /// <summary>An untrusted name inside a comment: quoted so that spaces and an empty Name stay visible.</summary>
    public static string Quoted(string? name) => name is null ? "(no Name)" : $"'{UntrustedText.Printable(name)}'";
}
