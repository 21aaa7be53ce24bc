using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EicAgent.Simulator.Http;

/// <summary>
/// The simulator's HTTP server on 127.0.0.1 (Kestrel, slim builder, no MVC): POST / for every AWS service, and
/// GET /instances/ID/keys/USER for the instances' AuthorizedKeysCommand (public keys only, loopback only).
/// </summary>
internal static class SimulatorServer
{
    public static async Task<(WebApplication App, Uri Endpoint)> StartAsync(
        int port, AwsEndpoint aws, SimulatorState state, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "eic-sim", Args = [] });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        var app = builder.Build();
        app.MapPost("/", aws.HandleAsync);
        app.MapGet("/instances/{instanceId}/keys/{osUser}", context => ServeKeysAsync(context, state));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (app, new Uri(address));
    }

    // What the instance's AuthorizedKeysCommand prints: one key per line, only those pushed in the last 60 s.
    private static Task ServeKeysAsync(HttpContext context, SimulatorState state)
    {
        var instanceId = (string)context.Request.RouteValues["instanceId"]!;
        var osUser = (string)context.Request.RouteValues["osUser"]!;
        if (state.FindInstance(instanceId) is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(string.Concat(state.Keys.ActiveKeys(instanceId, osUser).Select(key => key + "\n")));
    }
}
