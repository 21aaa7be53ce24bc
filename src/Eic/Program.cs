using EicAgent.Cli;

var parse = EicCommandLine.Build().Parse(args);
return CommandLineMistakes.Report(parse, args) ?? await parse.InvokeAsync();
