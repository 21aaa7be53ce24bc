using EicAgent.Agent.Protocol;
using EicAgent.Aws.Errors;

namespace EicAgent.Cli.Connect;

/// <summary>The one line a refused connect gives the user, whatever went wrong.</summary>
internal static class ConnectFailure
{
    public static string Reason(Exception exception) => exception switch
    {
        // Failures we describe ourselves: their message is the line for the user.
        EicAwsException or FormatException or AgentProtocolException or InvalidOperationException => FirstLine(exception.Message),
        OperationCanceledException => "the connection to the agent closed before the connect finished",
        _ => $"the agent failed ({exception.GetType().Name}: {FirstLine(exception.Message)}); run `eic agent --foreground` to see more",
    };

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
