using EicAgent.Benchmarks;

// Three modes: the benchmark run itself; `baseline-mssh`, the fresh process that baseline (b) starts per connection;
// and `agent-flood`, the agent under a flood of stalled requests (issue 12).
if (args.Length > 0 && args[0] == MsshBaseline.ModeName)
{
    return await MsshBaseline.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == AgentFlood.ModeName)
{
    return await AgentFlood.RunAsync(args[1..]);
}

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (FormatException error)
{
    await Console.Error.WriteLineAsync($"EicAgent.Benchmarks: {error.Message}\n{BenchmarkOptions.Usage}");
    return 2;
}

return await BenchmarkRun.RunAsync(options);
