using Amazon.Runtime;
using Amazon.Runtime.Internal.Endpoints.StandardLibrary;
using EicAgent.Aws.SessionManager;

namespace EicAgent.Aws.Errors;

/// <summary>Session Manager's refusals, each turned into one line that names the permission or the fix.</summary>
internal static class SessionManagerErrors
{
    public static EicAwsException StartDenied(AwsCallContext context, string said, AmazonServiceException error)
    {
        var instance = context.InstanceId ?? "the instance";
        var partition = Fn.Partition(context.Scope.Region)?.name ?? "aws";

        // IAM names the resource it refused: the document, or the instance.
        return said.Contains(":document/", StringComparison.Ordinal)
            ? new EicAwsException(
                EicAwsErrorKind.AccessDenied,
                $"not allowed to use the Session Manager document {SessionManagerDocument.Name}: the caller needs ssm:StartSession on "
                + $"arn:{partition}:ssm:{context.Scope.Region}::document/{SessionManagerDocument.Name} ({context.Scope.Describe()}; AWS said: {said})",
                error)
            : new EicAwsException(
                EicAwsErrorKind.AccessDenied,
                $"not allowed to start a Session Manager session to {instance}: the caller needs ssm:StartSession on "
                + $"arn:{partition}:ec2:{context.Scope.Region}:{context.AccountId ?? "ACCOUNT"}:instance/{instance} and on document/{SessionManagerDocument.Name} "
                + $"({context.Scope.Describe()}; AWS said: {said})",
                error);
    }

    public static EicAwsException StartRefused(string code, AwsCallContext context, string said, AmazonServiceException error) => code switch
    {
        "InvalidDocument" => new(
            EicAwsErrorKind.InvalidInput,
            $"Session Manager refused the document {SessionManagerDocument.Name} in {context.Scope.Describe()}: {said}",
            error),
        _ => NotOnline(context.InstanceId ?? "the instance", "not connected", context, said, error),
    };

    /// <summary>The instance is not (or no longer) managed by Systems Manager, or its agent is not online.</summary>
    public static EicAwsException NotOnline(string instanceId, string state, AwsCallContext context, string? said = null, Exception? error = null) => new(
        EicAwsErrorKind.NoRoute,
        $"{instanceId} is {state} in Session Manager ({context.Scope.Describe()}): it needs the SSM agent running, an instance profile with "
        + "AmazonSSMManagedInstanceCore, and a way to reach the ssm and ssmmessages endpoints (NAT or VPC endpoints)"
        + (said is null ? "" : $" (AWS said: {said})"),
        error);
}
