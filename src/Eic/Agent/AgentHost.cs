using System.Net.Sockets;
using EicAgent.Agent.Core;
using EicAgent.Agent.KeyFiles;
using EicAgent.Agent.Listeners;
using EicAgent.Agent.Platform;
using EicAgent.Aws.Scopes;
using EicAgent.Cli.Audit;
using EicAgent.Cli.Connect;
using EicAgent.Cli.HostKeys;
using EicAgent.Cli.Hosts;
using EicAgent.Cli.Platform;
using EicAgent.Cli.RoleSessions;
using EicAgent.Cli.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;


namespace EicAgent.Cli.Agent;

/// <summary>Builds and runs the host of `eic agent`: logging, the key ring, the listener and the server.</summary>
internal static class AgentHost
{
    /// <summary>
    /// Exit code when another agent already listens on the path: an on-demand starter that lost the race to
    /// start the agent can simply connect to the winner.
    /// </summary>
    public const int AlreadyRunningExitCode = 3;

    public static async Task<int> RunAsync(string? socketOption, AgentLaunch launch, CancellationToken cancellationToken)
    {
        AgentEnvironment.ForgetAwsVariables();
        Status.AgentBinary.Remember();
        if (launch.Detached)
        {
            Detachment.LeaveTerminalSession();
        }

        using var loggerFactory = LoggerFactory.Create(logging => ConfigureLogging(logging, launch));
        ProcessHardening.Apply(loggerFactory.CreateLogger<AgentServer>());
        IAgentListener listener;
        try
        {
            // Listening before the host exists turns "another agent is running" into one line and exit 1.
            listener = AgentListenerFactory.Start(AgentEndpoint.Resolve(socketOption), loggerFactory.CreateLogger<AgentServer>());
        }
        catch (Exception exception) when (exception is AgentAlreadyRunningException or IOException or UnauthorizedAccessException or SocketException)
        {
            await Console.Error.WriteLineAsync($"eic agent: {exception.Message}");
            return exception is AgentAlreadyRunningException ? AlreadyRunningExitCode : 1;
        }

        await using (listener)
        {
            // No defaults: they read appsettings*.json from the working directory (the content root) and configuration
            // from the environment, so a file in whatever directory started the agent could silence its log. The
            // agent's settings are its command line; its content root is where the binary is.
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Args = [],
                DisableDefaults = true,
                ContentRootPath = AppContext.BaseDirectory,
            });
            ConfigureLogging(builder.Logging, launch);
            builder.Services.AddSingleton(launch);
            builder.Services.AddSystemd();
            builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
            builder.Services.AddSingleton(TimeProvider.System);
            builder.Services.AddSingleton<KeyRing>();
            builder.Services.AddSingleton(_ => new AwsScopes());
            builder.Services.AddSingleton<IAwsScopes>(services => services.GetRequiredService<AwsScopes>());
            builder.Services.AddSingleton<ConnectionPushes>();
            builder.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<AuditLog>(services, AuditFile.DefaultPath()));
            builder.Services.AddSingleton<MintLimits>();
            builder.Services.AddSingleton(new KeySharingPolicy(launch.PushPerConnection));
            builder.Services.AddSingleton<PushSharing>();
            builder.Services.AddSingleton<SshClientBinder>();
            builder.Services.AddSingleton(new InstanceHostKeys(HostKeyCache.ForUser()));
            builder.Services.AddSingleton(new AgentKnownHostsFile(AgentKnownHostsFile.PathFor(listener.Path)));
            builder.Services.AddSingleton<HostKeyPublisher>();
            builder.Services.AddSingleton<IAgentExtension, ConnectExtension>();
            builder.Services.AddSingleton<IAgentExtension, PushStatusExtension>();
            builder.Services.AddSingleton<IAgentExtension, KeyUseExtension>();
            builder.Services.AddSingleton<IAgentExtension, StatusExtension>();
            builder.Services.AddSingleton<IAgentExtension, KnownHostsExtension>();
            builder.Services.AddSingleton<PeerProgram>();
            builder.Services.AddSingleton<IAgentExtension, RoleSessionExtension>();
            if (OperatingSystem.IsLinux())
            {
                // ssh reads its minted key from its IdentityFile and signs at once: one key lookup on the instance per login.
                builder.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<KeyFileHandover>(services, KeyFileDirectory.DirectoryOf(listener.Path)));
                builder.Services.AddSingleton<IAgentExtension, KeyFileExtension>();
            }

            // Extensions (e.g. the ProxyCommand's) are registered as IAgentExtension services and reach the server here.
            builder.Services.AddSingleton(services => new AgentServerOptions
            {
                Extensions = [.. services.GetServices<IAgentExtension>()],
                UpstreamSocket = UpstreamSocket(launch, listener),
                DefaultKeyLifetime = launch.KeyLifetime,
                Handover = services.GetService<KeyFileHandover>(),
            });
            builder.Services.AddSingleton(listener);
            builder.Services.AddSingleton<AgentServer>();
            builder.Services.AddHostedService<AgentHostedService>();
            builder.Services.AddHostedService<AwsWarmUp>();
            using var host = builder.Build();
            await host.RunAsync(cancellationToken);
        }

        return 0;
    }

    /// <summary>The upstream agent, unless it is this very agent: asking ourselves would loop until the timeout.</summary>
    private static string? UpstreamSocket(AgentLaunch launch, IAgentListener listener) =>
        launch.Upstream is { Length: > 0 } upstream && Path.GetFullPath(upstream) != Path.GetFullPath(listener.Path) ? upstream : null;

    private static void ConfigureLogging(ILoggingBuilder logging, AgentLaunch launch)
    {
        logging.ClearProviders();
        if (launch.Detached)
        {
            // Nobody reads a detached agent's stderr; run `eic agent --foreground` (or the user service) for logs.
            return;
        }

        logging.SetMinimumLevel(launch.Foreground ? LogLevel.Information : LogLevel.Warning);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddConsole();
        logging.Services.AddSingleton<ConsoleFormatter, PrintableLogFormatter>();
        // After AddSystemd's own choice of formatter: ours writes the journal's priority prefixes too.
        // stdout carries exactly one line, `listening PATH`, that starters wait for: every log goes to stderr.
        logging.Services.PostConfigure<ConsoleLoggerOptions>(options =>
        {
            options.FormatterName = PrintableLogFormatter.FormatterName;
            options.LogToStandardErrorThreshold = LogLevel.Trace;
        });
    }
}
