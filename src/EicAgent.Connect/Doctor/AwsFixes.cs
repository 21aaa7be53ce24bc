using EicAgent.Aws.Errors;
using EicAgent.Aws.Scopes;

namespace EicAgent.Cli.Doctor;

/// <summary>What to run or change for each kind of AWS failure, for `eic doctor`'s fix lines.</summary>
internal static class AwsFixes
{
    /// <param name="permission">The IAM action the failed call needs, named in the fix for access denied.</param>
    public static string For(EicAwsException exception, AwsScopeInfo? scope, string? instanceId = null, string? permission = null) => exception.Kind switch
    {
        EicAwsErrorKind.NoCredentials => "configure credentials: `aws configure`, `aws configure sso`, or set AWS_PROFILE to a profile in ~/.aws/config",
        EicAwsErrorKind.SsoLoginRequired => "run `aws sso login` (with --profile if you use one)",
        EicAwsErrorKind.InvalidCredentials => "your credentials are expired or wrong: `aws sso login`, or new access keys in ~/.aws/credentials",
        EicAwsErrorKind.NoRegion => "pass --region, set AWS_REGION, or add `region = ...` to the profile in ~/.aws/config",
        EicAwsErrorKind.NotRunning when instanceId is not null =>
            $"start it: `aws ec2 start-instances --instance-ids {instanceId} {scope?.CliArguments()}`",
        EicAwsErrorKind.NotFound or EicAwsErrorKind.NotRunning =>
            $"check the name with `aws ec2 describe-instances {scope?.CliArguments()}`, or name the profile and region: NAME.PROFILE.REGION.eic",
        EicAwsErrorKind.Ambiguous => "use the instance id instead of the name",
        EicAwsErrorKind.AccessDenied when permission is not null => $"ask your AWS administrator for {permission}",
        EicAwsErrorKind.AccessDenied => "ask your AWS administrator for the permission named above",
        EicAwsErrorKind.Throttled or EicAwsErrorKind.Unavailable or EicAwsErrorKind.Timeout or EicAwsErrorKind.Unreachable =>
            "check your network (or proxy) and run `eic doctor` again",
        _ => "see the message above",
    };
}
