using EicAgent.Simulator.Http;
using Microsoft.AspNetCore.Http;

namespace EicAgent.Simulator.Ec2;

/// <summary>One authenticated EC2 query call: its parameters, the permission check, and the XML answer.</summary>
internal sealed class Ec2Call(ApiCall call, SimulatorState state)
{
    public QueryParameters Parameters { get; } = new(call.Request.Form);

    public SimulatorState State => state;

    public CancellationToken Cancellation => call.Cancellation;

    /// <summary>Refuses with UnauthorizedOperation unless the policy allows ec2:<paramref name="operation"/>; then honours DryRun.</summary>
    public void Authorize(string operation, params IReadOnlyList<string> instanceIds)
    {
        var action = "ec2:" + operation;
        var allowed = instanceIds.Count == 0
            ? state.Policy.Allows(call.Caller, action)
            : instanceIds.All(id => state.Policy.Allows(call.Caller, action, id));
        if (!allowed)
        {
            throw Ec2Errors.Unauthorized(call.Caller, action);
        }

        if (Parameters.Bool("DryRun"))
        {
            throw Ec2Errors.DryRun();
        }
    }

    /// <summary>Answers &lt;OperationResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"&gt;&lt;requestId&gt;... .</summary>
    public Task AnswerAsync(string operation, Action<XmlAnswer> body) =>
        XmlAnswer.WriteAsync(call.Response, StatusCodes.Status200OK, operation + "Response", Ec2Api.Namespace, answer =>
        {
            answer.Value("requestId", call.RequestId);
            body(answer);
        });
}
