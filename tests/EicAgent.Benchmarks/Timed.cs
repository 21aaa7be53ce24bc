using System.Diagnostics;
using EicAgent.Testing;

namespace EicAgent.Benchmarks;

internal sealed record TimedResult(TimeSpan Elapsed, ProcessResult Result)
{
    public bool Succeeded => Result.ExitCode == 0;
}

/// <summary>A real program timed from just before its start to its exit; never longer than the bound.</summary>
internal static class Timed
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    /// <param name="bound">How long the program may take (default <see cref="Bound"/>).</param>
    public static async Task<TimedResult> RunAsync(
        string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, TimeSpan? bound = null)
    {
        var clock = Stopwatch.StartNew();
        var result = await ProcessRunner.RunAsync(program, arguments, environment, timeout: bound ?? Bound);
        return new TimedResult(clock.Elapsed, result);
    }

    /// <summary>Adds the run to <paramref name="samples"/> (a failure is counted, not timed) and says why it failed on stderr.</summary>
    public static void Record(this Samples samples, TimedResult run, string what)
    {
        if (run.Succeeded)
        {
            samples.Add(run.Elapsed);
            return;
        }

        samples.AddFailure();
        Console.Error.WriteLine($"{what} failed: exit {run.Result.ExitCode}: {run.Result.StandardError.Trim()}");
    }
}
