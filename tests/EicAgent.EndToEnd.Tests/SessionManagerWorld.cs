using EicAgent.Simulator;
using EicAgent.Simulator.Fleet;
using EicAgent.Simulator.Policy;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// An <see cref="EicWorld"/> where db-1's VPC has no Instance Connect Endpoint: db-1 (no public address) is reachable
/// only through Session Manager. unmanaged-1 beside it has no SSM agent, and lost-1's agent stopped answering
/// (ConnectionLost). Three more callers lack ssm:StartSession on
/// everything, on the AWS-StartSSHSession document, and every ssm action, respectively.
/// </summary>
public sealed class SessionManagerWorld : EicWorld
{
    public const string Managed = "db-1";
    public const string Unmanaged = "unmanaged-1";
    public const string Lost = "lost-1";

    public static SimulatedCaller NoStartSession { get; } = new(
        "AKIAEICSIMNOSSM00001", "eic-simulator-secret-no-start-session-01", "arn:aws:iam::123456789012:user/no-start-session", "AIDAEICSIMNOSSM00001");

    public static SimulatedCaller NoSshDocument { get; } = new(
        "AKIAEICSIMNODOC00001", "eic-simulator-secret-no-ssh-document-001", "arn:aws:iam::123456789012:user/no-ssh-document", "AIDAEICSIMNODOC00001");

    public static SimulatedCaller NoSsm { get; } = new(
        "AKIAEICSIMNOSSMAPI01", "eic-simulator-secret-no-ssm-at-all-00001", "arn:aws:iam::123456789012:user/no-ssm", "AIDAEICSIMNOSSMAPI01");

    protected override FleetDefinition Fleet
    {
        get
        {
            var fleet = FleetDefinition.Default;
            var db1 = fleet.Instances.Single(i => i.Name == Managed);
            var unmanaged = db1 with
            {
                InstanceId = "i-0a1b2c3d4e5f00008",
                Tags = new Dictionary<string, string> { ["Name"] = Unmanaged },
                PrivateAddress = 118,
                SsmPingStatus = null,
            };
            var lost = db1 with
            {
                InstanceId = "i-0a1b2c3d4e5f00009",
                Tags = new Dictionary<string, string> { ["Name"] = Lost },
                PrivateAddress = 119,
                SsmPingStatus = "ConnectionLost",
            };
            return fleet with
            {
                Instances = [.. fleet.Instances, unmanaged, lost],
                ConnectEndpoints = [.. fleet.ConnectEndpoints.Where(e => e.VpcId != db1.VpcId)],
            };
        }
    }

    protected override AccessPolicy Policy => AccessPolicy.Allow(
        [
            .. PushStatements,
            new PolicyStatement([SimulatedCaller.Default.Arn], ["ssm:*"], ["*"], ["*"]),
            new PolicyStatement([NoStartSession.Arn, NoSshDocument.Arn], ["ssm:DescribeInstanceInformation", "ssm:TerminateSession"], ["*"], ["*"]),
            new PolicyStatement([NoSshDocument.Arn], ["ssm:StartSession"], ["i-*"], ["*"]),
        ],
        [NoStartSession, NoSshDocument, NoSsm]);

    /// <summary>The AWS variables that make the shell running ssh <paramref name="caller"/>.</summary>
    public static IReadOnlyDictionary<string, string?> As(SimulatedCaller caller) => new Dictionary<string, string?>
    {
        ["AWS_ACCESS_KEY_ID"] = caller.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = caller.SecretAccessKey,
    };

    /// <summary>The ProxyCommand with `--via` (and more proxy options), for `ssh -o`.</summary>
    public string ProxyCommand(params string[] options) => $"ProxyCommand={EicPath} proxy --socket {SocketPath} {string.Join(' ', options)} %h %p %r";
}
