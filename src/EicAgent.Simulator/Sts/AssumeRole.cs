using System.Globalization;
using System.Text.RegularExpressions;
using EicAgent.Simulator.Http;
using Microsoft.AspNetCore.Http;

namespace EicAgent.Simulator.Sts;

/// <summary>
/// STS AssumeRole: temporary credentials for any role ARN of the simulator's account, for DurationSeconds (900 to
/// 43200, default 3600). With SerialNumber it is MFA-authenticated: TokenCode must be <see cref="SimulatedMfa.CodeFor"/>
/// of the serial, and a wrong or missing code is refused with AWS's AccessDenied texts.
/// </summary>
internal static partial class AssumeRole
{
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromHours(1);

    public static Task HandleAsync(ApiCall call, StsSessions sessions)
    {
        var form = call.Request.Form;
        var roleArn = form.GetValueOrDefault("RoleArn") ?? throw Missing("roleArn");
        var sessionName = form.GetValueOrDefault("RoleSessionName") ?? throw Missing("roleSessionName");
        var role = RolePattern().Match(roleArn);
        if (!role.Success)
        {
            throw new ApiException("ValidationError", $"{roleArn} is invalid");
        }

        if (!SessionNamePattern().IsMatch(sessionName))
        {
            throw Invalid(sessionName, "roleSessionName", @"Member must satisfy regular expression pattern: [\w+=,.@-]{2,64}");
        }

        CheckMfa(form.GetValueOrDefault("SerialNumber"), form.GetValueOrDefault("TokenCode"));
        var duration = Duration(form.GetValueOrDefault("DurationSeconds"));
        var (caller, expires) = sessions.Issue(role.Groups["account"].Value, role.Groups["name"].Value, sessionName, duration);
        return XmlAnswer.WriteAsync(call.Response, StatusCodes.Status200OK, "AssumeRoleResponse", StsApi.Namespace, x => x
            .Start("AssumeRoleResult")
                .Start("Credentials")
                    .Value("AccessKeyId", caller.AccessKeyId)
                    .Value("SecretAccessKey", caller.SecretAccessKey)
                    .Value("SessionToken", caller.SessionToken)
                    .Value("Expiration", expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
                .End()
                .Start("AssumedRoleUser")
                    .Value("AssumedRoleId", caller.UserId)
                    .Value("Arn", caller.Arn)
                .End()
            .End()
            .Start("ResponseMetadata").Value("RequestId", call.RequestId).End());
    }

    private static void CheckMfa(string? serialNumber, string? tokenCode)
    {
        if (serialNumber is null && tokenCode is null)
        {
            return;
        }

        if (serialNumber is null || tokenCode is null)
        {
            throw new ApiException("AccessDenied", "MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.", 403);
        }

        if (!TokenCodePattern().IsMatch(tokenCode))
        {
            throw Invalid(tokenCode, "tokenCode", @"Member must satisfy regular expression pattern: [\d]{6}");
        }

        if (tokenCode != SimulatedMfa.CodeFor(serialNumber))
        {
            throw new ApiException("AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. ", 403);
        }
    }

    private static TimeSpan Duration(string? text)
    {
        if (text is null)
        {
            return DefaultDuration;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 900 and <= 43200
            ? TimeSpan.FromSeconds(seconds)
            : throw Invalid(text, "durationSeconds", "Member must have value between 900 and 43200");
    }

    private static ApiException Missing(string member) =>
        new("ValidationError", $"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");

    private static ApiException Invalid(string value, string member, string constraint) =>
        new("ValidationError", $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}");

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::(?<account>\d{12}):role/(?:[\w+=,.@-]+/)*(?<name>[\w+=,.@-]{1,64})$")]
    private static partial Regex RolePattern();

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex SessionNamePattern();

    [GeneratedRegex(@"^\d{6}$")]
    private static partial Regex TokenCodePattern();
}
