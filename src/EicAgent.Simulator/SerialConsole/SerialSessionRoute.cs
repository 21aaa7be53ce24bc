using System.Globalization;
using EicAgent.Simulator.Fleet;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EicAgent.Simulator.SerialConsole;

/// <summary>
/// GET /serial-console/ID/session for the endpoint's session script: the instance's console log (without its last
/// `login:` line, which the script prompts itself), then nothing until the script's end closes the connection.
/// While the request lasts, the instance's one serial console session is taken.
/// </summary>
internal static class SerialSessionRoute
{
    public const string Pattern = "/serial-console/{instanceId}/session";

    public static async Task HandleAsync(HttpContext context, SimulatorState state)
    {
        var instanceId = (string)context.Request.RouteValues["instanceId"]!;
        var instance = state.FindInstance(instanceId);
        if (instance is null || instance.State != InstanceStateName.Running)
        {
            await RefuseAsync(context, $"instance {instanceId} is not running");
            return;
        }

        using var session = state.SerialConsole.TryOpenSession(instanceId);
        if (session is null)
        {
            await RefuseAsync(context, $"another serial console session to {instanceId} is open (one at a time)");
            return;
        }

        var lines = instance.ConsoleOutput.TrimEnd('\n').Split('\n');
        var hostName = instance.PrivateDnsName.Split('.')[0];
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers["X-Console-Lines"] = (lines.Length - 1).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-Host-Name"] = hostName;
        await context.Response.WriteAsync(string.Concat(lines[..^1].Select(line => line + "\n")));
        await context.Response.Body.FlushAsync();

        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, ended.Token);
        }
        catch (OperationCanceledException)
        {
            // The session script ended (ssh disconnected) or the simulator is stopping.
        }
    }

    private static Task RefuseAsync(HttpContext context, string reason)
    {
        context.Response.StatusCode = StatusCodes.Status409Conflict;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(reason + "\n");
    }
}
