using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace EicAgent.Cli;

/// <summary>
/// `eic --help` lists each command with its arguments, and System.CommandLine 2.0.0 writes them all as required there
/// (`doctor &lt;target&gt;`) although each command's own usage line brackets the optional ones; its HelpBuilder is not
/// public in 2.0.0, so this action rewrites those labels in the list: `doctor [&lt;target&gt;]`, `sim [&lt;command&gt;...]`.
/// </summary>
internal sealed class CommandListHelpAction(HelpAction inner, RootCommand root) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public static void Install(RootCommand root)
    {
        if (root.Options.OfType<HelpOption>().FirstOrDefault() is { Action: HelpAction help } option)
        {
            option.Action = new CommandListHelpAction(help, root);
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        if (parseResult.CommandResult.Command != root)
        {
            return inner.Invoke(parseResult);
        }

        var configuration = parseResult.InvocationConfiguration;
        var output = configuration.Output;
        using var captured = new StringWriter();
        configuration.Output = captured;
        try
        {
            inner.Invoke(parseResult);
        }
        finally
        {
            configuration.Output = output;
        }

        output.Write(Relabel(captured.ToString()));
        return 0;
    }

    private string Relabel(string help)
    {
        foreach (var command in root.Subcommands.Where(command => !command.Hidden))
        {
            var asWritten = string.Join(' ', command.Arguments.Where(a => !a.Hidden).Select(a => $"<{a.HelpName ?? a.Name}>").Prepend(command.Name));
            var label = Label(command);
            // The first column is padded to the longest label, so the longer label takes its room from the padding.
            var extra = label.Length - asWritten.Length;
            if (extra > 0)
            {
                help = help.Replace($"  {asWritten}{new string(' ', extra + 2)}", $"  {label}  ", StringComparison.Ordinal);
            }
        }

        return help;
    }

    internal static string Label(Command command) =>
        string.Join(' ', command.Arguments.Where(argument => !argument.Hidden).Select(ArgumentLabel).Prepend(command.Name));

    private static string ArgumentLabel(Argument argument)
    {
        var name = $"<{argument.HelpName ?? argument.Name}>";
        var repeated = argument.Arity.MaximumNumberOfValues > 1 ? name + "..." : name;
        return argument.Arity.MinimumNumberOfValues == 0 ? $"[{repeated}]" : repeated;
    }
}
