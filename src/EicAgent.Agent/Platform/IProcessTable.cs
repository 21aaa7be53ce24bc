namespace EicAgent.Agent.Platform;

/// <summary>What the agent needs to know about other processes: who started them, when, and what program they run.</summary>
internal interface IProcessTable
{
    /// <summary>The parent's pid, or null when the process is gone or cannot be read.</summary>
    int? ParentProcessId(int processId);

    /// <summary>
    /// An opaque start time: equal for the same process, different for a later process that reuses its pid.
    /// Null when the process is gone or cannot be read.
    /// </summary>
    long? StartTime(int processId);

    /// <summary>The file name of the process's executable (`ssh`, `ssh.exe`), or null when it cannot be read.</summary>
    string? ExecutableName(int processId);
}
