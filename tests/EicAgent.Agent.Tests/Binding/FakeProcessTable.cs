using EicAgent.Agent.Platform;

namespace EicAgent.Agent.Tests.Binding;

internal sealed record FakeProcess(int Parent, long StartTime, string? Executable);

/// <summary>A process table that knows only the processes a test put in it.</summary>
internal sealed class FakeProcessTable : Dictionary<int, FakeProcess>, IProcessTable
{
    public int? ParentProcessId(int processId) => TryGetValue(processId, out var process) ? process.Parent : null;

    public long? StartTime(int processId) => TryGetValue(processId, out var process) ? process.StartTime : null;

    public string? ExecutableName(int processId) => TryGetValue(processId, out var process) ? process.Executable : null;
}
