using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;

namespace EicAgent.Cli.Doctor;

/// <summary>
/// The Session Manager path (`--via ssm`, or `--via auto` with neither a public address nor an endpoint): Systems
/// Manager has the instance online, and StartSession with AWS-StartSSHSession works (the session is ended again).
/// </summary>
internal static class SessionManagerChecks
{
    private const string AgentCheck = "ssm agent";
    private const string SessionCheck = "ssm session";

    /// <summary>DescribeInstanceInformation lists the instance with ping status Online.</summary>
    public static async Task<DoctorCheck> OnlineAsync(IDoctorScope scope, Ec2Instance instance, CancellationToken cancellationToken)
    {
        string? status;
        try
        {
            status = await scope.SessionManagerPingStatusAsync(instance, cancellationToken);
        }
        catch (EicAwsException exception)
        {
            return DoctorCheck.Fail(AgentCheck, exception.Message, AwsFixes.For(exception, scope.Info, permission: "ssm:DescribeInstanceInformation"));
        }

        return status switch
        {
            "Online" => DoctorCheck.Pass(AgentCheck, $"Systems Manager manages {instance.InstanceId} and its SSM agent is Online"),
            null => DoctorCheck.Fail(AgentCheck, $"Systems Manager does not manage {instance.InstanceId} (DescribeInstanceInformation does not list it)",
                "run the SSM agent on the instance (`sudo systemctl enable --now amazon-ssm-agent`), attach an instance profile whose role has "
                + "AmazonSSMManagedInstanceCore, and let it reach the ssm, ssmmessages and ec2messages endpoints (NAT or VPC endpoints)"),
            _ => DoctorCheck.Fail(AgentCheck, $"the SSM agent of {instance.InstanceId} is {status}, not Online: Systems Manager has not heard from it lately",
                "check that the instance runs and its agent does (`sudo systemctl restart amazon-ssm-agent`), that its instance profile still has "
                + "AmazonSSMManagedInstanceCore, and that it still reaches the ssm and ssmmessages endpoints"),
        };
    }

    /// <summary>StartSession to <paramref name="port"/> answers a session, and TerminateSession ends it.</summary>
    public static async Task<DoctorCheck> SessionAsync(IDoctorScope scope, Ec2Instance instance, int port, CancellationToken cancellationToken)
    {
        string sessionId;
        try
        {
            sessionId = await scope.StartSshSessionAsync(instance, port, cancellationToken);
        }
        catch (EicAwsException exception)
        {
            return DoctorCheck.Fail(SessionCheck, exception.Message, exception.Kind == EicAwsErrorKind.AccessDenied
                ? $"ask your AWS administrator for ssm:StartSession on {instance.InstanceId} and on the document AWS-StartSSHSession"
                : AwsFixes.For(exception, scope.Info));
        }

        try
        {
            await scope.TerminateSessionAsync(sessionId, cancellationToken);
        }
        catch (EicAwsException exception)
        {
            return DoctorCheck.Fail(SessionCheck, $"started session {sessionId}, but could not end it: {exception.Message}",
                exception.Kind == EicAwsErrorKind.AccessDenied
                    ? "ask your AWS administrator for ssm:TerminateSession (without it each session lingers until Session Manager's idle timeout)"
                    : AwsFixes.For(exception, scope.Info));
        }

        return DoctorCheck.Pass(SessionCheck, $"StartSession with AWS-StartSSHSession to port {port} works (session {sessionId}, ended again)");
    }
}
