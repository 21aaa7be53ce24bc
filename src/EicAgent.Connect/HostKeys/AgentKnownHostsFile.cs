using EicAgent.Agent.KeyFiles;
using EicAgent.Agent.Listeners;
using EicAgent.Aws.Listing;
using EicAgent.Cli.Files;
using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.HostKeys;

/// <summary>
/// The agent's known_hosts file, `eic_known_hosts` beside its socket, which the ssh_config block names as a
/// GlobalKnownHostsFile. Before the ProxyCommand carries a single byte of the instance's, the agent writes the host
/// keys the instance's console showed at boot under the names ssh will check them by, so ssh verifies the first login
/// without a prompt and without starting a KnownHostsCommand process (two or three of them per login).
/// <para>
/// The file holds the names of the connections still open, each with its instance's keys. When connections open at
/// once under one name reach different instances (two shells with different AWS settings), the name holds the keys
/// of both while both are open, rather than one connection's ssh seeing the other's key as a changed host key.
/// A name whose connection has closed is dropped at the next write; every connection writes its own names first.
/// </para>
/// The agent replaces only a file it wrote (its first line says so): a socket in ~/.ssh never costs the user's own files.
/// </summary>
internal sealed class AgentKnownHostsFile(string? path)
{
    public const string FileName = "eic_known_hosts";

    private const string Marker = "# eic agent: the host keys EC2 instances printed to their consoles at boot, for the connections open now.";
    private const string Header = Marker + "\n# ssh reads this file as a GlobalKnownHostsFile (see ~/.ssh/eic_config); the agent rewrites it for every connection.\n";

    private readonly Lock _gate = new();
    private readonly List<Entry> _open = [];

    /// <summary>Null where the agent listens on a named pipe (Windows): there, ssh runs `eic known-hosts` instead.</summary>
    public string? Path { get; } = path;

    /// <summary>The file of the agent listening at <paramref name="socketPath"/>; null for a named pipe.</summary>
    public static string? PathFor(string socketPath) =>
        AgentEndpoint.IsNamedPipe(socketPath) ? null : System.IO.Path.Combine(KeyFileDirectory.DirectoryOf(socketPath), FileName);

    /// <summary>
    /// The connection that ends with <paramref name="connectionClosed"/> is about to show ssh the host whose keys are
    /// <paramref name="keys"/> (none: the console showed none) under <paramref name="names"/>: writes the file.
    /// </summary>
    /// <returns>Null when written, else why not (one line for the user).</returns>
    public string? Publish(CancellationToken connectionClosed, IReadOnlyList<string> names, IReadOnlyList<HostPublicKey> keys)
    {
        if (Path is null)
        {
            return null;
        }

        lock (_gate)
        {
            _open.RemoveAll(entry => entry.Closed.IsCancellationRequested || entry.Closed == connectionClosed);
            _open.Add(new Entry(connectionClosed, names, keys));
            return Write();
        }
    }

    /// <returns>Null when written, else why not (one line for the user).</returns>
    private string? Write()
    {
        string? foreign;
        try
        {
            foreign = NotOurs();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Unwritable(exception);
        }

        if (foreign is not null)
        {
            return foreign;
        }

        try
        {
            AtomicFile.Replace(Path!, Render());
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A file that was not rewritten may still name this host with another instance's keys.
            TryDelete();
            return Unwritable(exception);
        }
    }

    private string Render()
    {
        var lines = _open
            .SelectMany(entry => entry.Names.SelectMany(name => entry.Keys.Select(key => KnownHostsLines.Line(name, key))))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);
        return Header + string.Concat(lines.Select(line => line + "\n"));
    }

    /// <summary>Null when the file is absent, empty or the agent's, else why the agent leaves it alone.</summary>
    private string? NotOurs()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        using var reader = new StreamReader(Path!);
        return reader.ReadLine() is null or Marker
            ? null
            : $"{Path} was not written by the eic agent, which leaves it alone (move it away); ssh's own host key checking applies";
    }

    private string Unwritable(Exception exception) => $"could not write {Path}: {exception.Message}; ssh's own host key checking applies";

    private void TryDelete()
    {
        try
        {
            File.Delete(Path!);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The file stays as it was; ssh reports a changed key rather than accepting a wrong one.
        }
    }

    private sealed record Entry(CancellationToken Closed, IReadOnlyList<string> Names, IReadOnlyList<HostPublicKey> Keys);
}
