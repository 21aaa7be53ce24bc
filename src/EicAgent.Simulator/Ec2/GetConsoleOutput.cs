using System.Text;

namespace EicAgent.Simulator.Ec2;

/// <summary>GetConsoleOutput: the instance's console log, base64-encoded (the .NET SDK hands it over undecoded), and when it last changed.</summary>
internal static class GetConsoleOutput
{
    public const string Operation = "GetConsoleOutput";

    public static Task HandleAsync(Ec2Call call)
    {
        var id = call.Parameters["InstanceId"] ?? throw Ec2Errors.MissingParameter("InstanceId");
        Ec2Errors.CheckInstanceId(id);
        call.Authorize(Operation, id);
        var instance = call.State.FindInstance(id) ?? throw Ec2Errors.InstancesNotFound([id]);
        var output = Convert.ToBase64String(Encoding.UTF8.GetBytes(instance.ConsoleOutput));
        return call.AnswerAsync(Operation, x => x
            .Value("instanceId", id)
            .Value("timestamp", instance.ConsoleChangedAt)
            .Value("output", output));
    }
}
