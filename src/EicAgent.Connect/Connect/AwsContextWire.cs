using EicAgent.Agent.Protocol;
using EicAgent.Aws.Scopes;

namespace EicAgent.Cli.Connect;

/// <summary>The caller's <see cref="AwsContext"/> at the end of a request: optional, so requests of older callers still read.</summary>
internal static class AwsContextWire
{
    /*
     * uint32  n (at most 64), then n times:
     * string  variable name (AWS_PROFILE, AWS_REGION, ... -- see AwsContext.Carries)
     * string  its value
     */
    public static void Write(SshWriter writer, AwsContext context)
    {
        writer.WriteUInt32((uint)context.Variables.Count);
        foreach (var (name, value) in context.Variables)
        {
            writer.WriteString(name);
            writer.WriteString(value);
        }
    }

    /// <summary>The context that follows, or <see cref="AwsContext.Empty"/> when the request ends here (an older caller).</summary>
    public static AwsContext Read(ref SshReader reader)
    {
        if (reader.AtEnd)
        {
            return AwsContext.Empty;
        }

        var count = reader.ReadUInt32();
        if (count > AwsContext.MaxVariables)
        {
            throw new AgentProtocolException($"{count} AWS variables, more than {AwsContext.MaxVariables}");
        }

        var variables = new List<KeyValuePair<string, string>>((int)count);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadUtf8String();
            if (!AwsContext.Carries(name))
            {
                throw new AgentProtocolException($"{name} is not an AWS variable eic carries");
            }

            variables.Add(KeyValuePair.Create(name, reader.ReadUtf8String()));
        }

        try
        {
            return AwsContext.From(variables);
        }
        catch (FormatException exception)
        {
            throw new AgentProtocolException(exception.Message);
        }
    }
}
