using System.IO.Pipes;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;
using EicAgent.Agent.Core;
using EicAgent.Agent.Platform;
using Microsoft.Win32.SafeHandles;

namespace EicAgent.Agent.Listeners;

/// <summary>
/// A named pipe whose ACL admits only the current user's SID. One instance is always waiting, because
/// clients that find none get ERROR_PIPE_BUSY; the first instance is created exclusively, so a second agent
/// on the same name is refused.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed partial class NamedPipeListener : IAgentListener
{
    private readonly string _pipeName;
    private readonly IProcessTable _processes;
    private NamedPipeServerStream _pending;

    private NamedPipeListener(string path, NamedPipeServerStream first, IProcessTable processes)
    {
        Path = path;
        _pipeName = AgentEndpoint.PipeName(path);
        _pending = first;
        _processes = processes;
    }

    public string Path { get; }

    public static NamedPipeListener Start(string path, IProcessTable processes)
    {
        try
        {
            return new NamedPipeListener(path, CreateInstance(AgentEndpoint.PipeName(path), first: true), processes);
        }
        catch (UnauthorizedAccessException)
        {
            throw new AgentAlreadyRunningException(path);
        }
    }

    public async Task<AgentConnection> AcceptAsync(CancellationToken cancellationToken)
    {
        await _pending.WaitForConnectionAsync(cancellationToken);
        var connected = _pending;
        _pending = CreateInstance(_pipeName, first: false);
        int? pid = GetNamedPipeClientProcessId(connected.SafePipeHandle, out var clientPid) ? (int)clientPid : null;
        var peer = new PeerCredentials(pid, null, pid is { } known ? _processes.StartTime(known) : null);
        return new AgentConnection(connected, peer);
    }

    public ValueTask DisposeAsync() => _pending.DisposeAsync();

    private static NamedPipeServerStream CreateInstance(string pipeName, bool first)
    {
        using var identity = WindowsIdentity.GetCurrent();
        var user = identity.User ?? throw new InvalidOperationException("the current user has no SID");
        var security = new PipeSecurity();
        security.SetOwner(user);
        security.AddAccessRule(new PipeAccessRule(user, PipeAccessRights.FullControl, AccessControlType.Allow));
        var options = PipeOptions.Asynchronous | (first ? PipeOptions.FirstPipeInstance : PipeOptions.None);
        return NamedPipeServerStreamAcl.Create(
            pipeName, PipeDirection.InOut, NamedPipeServerStream.MaxAllowedServerInstances, PipeTransmissionMode.Byte, options, 0, 0, security);
    }

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetNamedPipeClientProcessId(SafePipeHandle pipe, out uint clientProcessId);
}
