using System.Net;
using System.Security.Cryptography.X509Certificates;
using EicAgent.Simulator.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using EicAgent.Simulator.Keys;

namespace EicAgent.Simulator.Http;

/// <summary>
/// The simulator's HTTP server on 127.0.0.1 (Kestrel, slim builder, no MVC): POST / for every AWS service, and
/// GET /instances/ID/keys/USER for the instances' AuthorizedKeysCommand (public keys only, loopback only); and on a
/// second, TLS, port GET /openTunnel: the Instance Connect Endpoints' websocket; GET /v1/data-channel/SESSION: Session Manager's.
/// </summary>
internal static class SimulatorServer
{
    /// <returns>The app, the AWS API URL, and the loopback port of the TLS listener for the Instance Connect Endpoints.</returns>
    public static async Task<(WebApplication App, Uri Endpoint, int TunnelPort)> StartAsync(
        int port,
        AwsEndpoint aws,
        SimulatorState state,
        (OpenTunnelService Service, X509Certificate2 Certificate) tunnels,
        SessionManager.DataChannelService dataChannels,
        ILoggerFactory? loggerFactory,
        CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "eic-sim", Args = [] });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(tunnels.Certificate));
        });
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        var app = builder.Build();
        app.UseWebSockets();
        app.MapPost("/", aws.HandleAsync);
        app.MapGet("/openTunnel", tunnels.Service.HandleAsync);
        app.MapGet(SessionManager.DataChannelService.PathPrefix + "{sessionId}", dataChannels.HandleAsync);
        app.MapGet("/instances/{instanceId}/keys/{osUser}", context => ServeKeysAsync(context, state));
        app.MapGet(SerialConsole.SerialSessionRoute.Pattern, context => SerialConsole.SerialSessionRoute.HandleAsync(context, state));
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        return (app, addresses.Single(a => a.Scheme == Uri.UriSchemeHttp), addresses.Single(a => a.Scheme == Uri.UriSchemeHttps).Port);
    }

    // What the instance's AuthorizedKeysCommand prints: one key per line, only those pushed in the last 60 s; with
    // ?fingerprint=SHA256:..., only the key sshd asks about, as eic_run_authorized_keys keeps only the key matching %f.
    // Like it, the lookup first verifies every live key for the user (KeyLookupCost): past the limit, it prints nothing.
    private static async Task ServeKeysAsync(HttpContext context, SimulatorState state)
    {
        var instanceId = (string)context.Request.RouteValues["instanceId"]!;
        var osUser = (string)context.Request.RouteValues["osUser"]!;
        if (state.FindInstance(instanceId) is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var fingerprint = context.Request.Query["fingerprint"].FirstOrDefault();
        var live = state.Keys.ActiveKeys(instanceId, osUser);
        var verified = await state.KeyLookup.VerifyAsync(instanceId, osUser, live.Count, context.RequestAborted);
        var keys = verified ? live.Where(key => fingerprint is null || OpenSshPublicKey.Fingerprint(key) == fingerprint) : [];
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(string.Concat(keys.Select(key => key + "\n")));
    }
}
