using EicAgent.Agent.Listeners;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Paths;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.SerialConsole;
using EicAgent.Aws.Targets;
using EicAgent.Cli.Hosts;
using EicAgent.Cli.Proxy;
using EicAgent.Cli.Status;

namespace EicAgent.Cli.Doctor;

/// <summary>`eic doctor`: every link from ssh to the instance, in the order a connection uses them.</summary>
internal static class DoctorRun
{
    public static async Task<bool> RunAsync(DoctorOptions options, DoctorReport report, CancellationToken cancellationToken)
    {
        report.Add(await SshChecks.VersionAsync(cancellationToken));
        report.Add(await SshChecks.ConfigAsync(options.SshConfigFile, cancellationToken));
        report.Add(await AgentCheck.RunAsync(ConnectionProbe.Machine, options.SocketOption, cancellationToken));
        var resolved = options.Target is null || options.Serial ? null : await ConnectionChecks.ResolveAsync(ConnectionProbe.Machine, options.SshConfigFile, options.Target, report, cancellationToken);
        if (resolved is not null)
        {
            report.Add(await ConnectionChecks.IdentityAgentAsync(ConnectionProbe.Machine, resolved, cancellationToken));
        }
        report.Add(KeyDeliveryCheck.Mode(options.SocketOption));

        TargetSpec? target;
        try
        {
            target = options.Host is null ? null : TargetSpec.Parse(SerialHostNames.WithoutSerial(options.Host), options.Profile, options.Region);
        }
        catch (FormatException exception)
        {
            report.Add(DoctorCheck.Fail("target", exception.Message, "type an instance id, or NAME.eic / NAME.PROFILE.REGION.eic"));
            return false;
        }

        using var scopes = new AwsScopes();
        var context = AwsContext.FromEnvironment();
        AwsScope scope;
        try
        {
            // A scope fetches its credentials once when built: an MFA code the profile needs is asked for here, once.
            scope = await MfaRetry.RunAsync(
                scopes,
                context,
                options.SocketOption,
                () => target is null ? scopes.GetAsync(options.Profile, options.Region, context, cancellationToken) : scopes.GetAsync(target, context, cancellationToken),
                cancellationToken);
            report.Add(DoctorCheck.Pass("region", scope.Info.Describe()));
        }
        catch (MfaPromptException exception)
        {
            report.Add(DoctorCheck.Fail("credentials", exception.Message, "run `eic doctor` at a terminal (or with SSH_ASKPASS set) and type the code"));
            return false;
        }
        catch (EicAwsException exception)
        {
            report.Add(DoctorCheck.Fail("credentials", exception.Message, AwsFixes.For(exception, null)));
            return false;
        }

        var doctorScope = new AwsDoctorScope(scope);

        try
        {
            var identity = await doctorScope.CallerIdentityAsync(cancellationToken);
            report.Add(DoctorCheck.Pass("credentials", $"account {identity.Account}, {identity.Arn}"));
        }
        catch (EicAwsException exception)
        {
            report.Add(DoctorCheck.Fail("credentials", exception.Message, AwsFixes.For(exception, scope.Info)));
            return false;
        }

        if (target is not null && options.Serial)
        {
            await SerialChecks.RunAsync(doctorScope, target, ConnectSerialConsoleAsync, report, cancellationToken);
        }
        else if (target is not null)
        {
            var via = options.Via ?? resolved?.Via ?? NetworkPath.Auto;
            await TargetChecks.RunAsync(doctorScope, target, resolved?.User ?? options.User, resolved?.Port ?? 22, via, report, cancellationToken);
        }

        if (resolved is not null)
        {
            report.Add(await ConnectionChecks.LoginAsync(ConnectionProbe.Machine, options.SshConfigFile, options.Target!, resolved, cancellationToken));
        }

        return report.AllPassed;
    }

    private static async Task<ITunnel> ConnectSerialConsoleAsync(string hostName, int port, TimeSpan timeout, CancellationToken cancellationToken) =>
        await SerialConsoleTunnel.ConnectAsync(new(hostName, port), timeout, cancellationToken);
}
