using EicAgent.Cli;

return await EicCommandLine.Build().Parse(args).InvokeAsync();
