using System.Text.RegularExpressions;
using EicAgent.Simulator.Http;

namespace EicAgent.Simulator.Ec2;

/// <summary>The EC2 error codes, messages and statuses the simulated EC2 API answers with (EC2's own wording).</summary>
internal static partial class Ec2Errors
{
    public static ApiException InvalidParameterValue(string message) => new("InvalidParameterValue", message);

    public static ApiException MissingParameter(string name) =>
        new("MissingParameter", $"The request must contain the parameter {name}");

    public static ApiException DryRun() =>
        new("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);

    public static ApiException Unauthorized(SimulatedCaller caller, string action) =>
        new("UnauthorizedOperation",
            $"You are not authorized to perform this operation. User: {caller.Arn} is not authorized to perform: {action} "
            + $"because no identity-based policy allows the {action} action",
            403);

    public static ApiException InstancesNotFound(IReadOnlyList<string> ids) => ids.Count == 1
        ? new("InvalidInstanceID.NotFound", $"The instance ID '{ids[0]}' does not exist")
        : new("InvalidInstanceID.NotFound", $"The instance IDs '{string.Join(", ", ids)}' do not exist");

    /// <summary>
    /// An action the simulator does not answer. EC2's own code for "not supported" (the action may well exist on AWS:
    /// the simulator cannot tell), so a client reports a refusal rather than a bug of its own.
    /// </summary>
    public static ApiException NotImplemented(string action) =>
        new("UnsupportedOperation", $"The EicAgent simulator does not implement the EC2 action {(action.Length == 0 ? "(none given)" : action)}.");

    public static ApiException InvalidPaginationToken(string token) =>
        new("InvalidPaginationToken", $"The specified pagination token '{token}' is not valid or is expired.");

    /// <summary>EC2 instance ids: "i-" and 8 or 17 lowercase hex digits; anything else is malformed, not just unknown.</summary>
    public static void CheckInstanceId(string id)
    {
        if (!InstanceIdPattern().IsMatch(id))
        {
            throw new ApiException("InvalidInstanceID.Malformed", $"Invalid id: \"{id}\"");
        }
    }

    [GeneratedRegex("^i-([0-9a-f]{8}|[0-9a-f]{17})\\z")]
    private static partial Regex InstanceIdPattern();
}
