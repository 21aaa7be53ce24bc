using System.CommandLine;
using System.CommandLine.Help;

namespace EicAgent.Cli;

/// <summary>
/// A usage mistake is one line on stderr naming what is wrong and where the help is, and exit status 2 (as ssh and
/// most Unix tools do), instead of the whole help on stdout; `eic` alone prints a short usage the same way.
/// </summary>
internal static class CommandLineMistakes
{
    public const int ExitCode = 2;

    /// <summary>The exit code if <paramref name="parse"/> is a mistake (after saying so on stderr), else null.</summary>
    public static int? Report(ParseResult parse, IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0)
        {
            var commands = parse.RootCommandResult.Command.Subcommands.Where(command => !command.Hidden).Select(command => command.Name);
            Console.Error.WriteLine($"usage: eic COMMAND [ARGS...], COMMAND one of: {string.Join(", ", commands)}; `eic --help` says more");
            return ExitCode;
        }

        if (parse.Errors.Count == 0 || parse.Action is HelpAction or CommandListHelpAction)
        {
            return null;
        }

        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Parent is null ? "eic" : result.Command.Name);
        }

        // A word eic does not know says more than "required command was not provided", which it also causes.
        var error = parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Any(token => e.Message.Contains($"'{token}'", StringComparison.Ordinal)))
            ?? parse.Errors[0];
        Console.Error.WriteLine($"eic: {error.Message.TrimEnd('.')} (see `{string.Join(' ', names)} --help`)");
        return ExitCode;
    }
}
