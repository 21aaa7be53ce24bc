using System.CommandLine;

namespace EicAgent.Cli.Demo;

/// <summary>`eic demo`: EicAgent end to end against the built-in simulator, narrated, then everything torn down.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target")
        {
            Description = "The simulated instance to ssh to (an id, or a Name tag such as web-1, ubuntu-1)",
            DefaultValueFactory = _ => "web-1",
        };
        var command = new Command("demo", "Start a simulated AWS, ssh to one of its instances through EicAgent, and show each step")
        {
            target,
        };
        command.SetAction((parse, cancellation) => OperatingSystem.IsWindows()
            ? Task.FromResult(Unsupported())
            : DemoRun.RunAsync(parse.GetValue(target)!, Console.Out, cancellation));
        return command;
    }

    private static int Unsupported()
    {
        Console.Error.WriteLine("eic demo: the simulator runs OpenSSH sshd instances and needs Linux or macOS");
        return 2;
    }
}
