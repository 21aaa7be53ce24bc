using System.Runtime.Versioning;
using EicAgent.Aws.Listing;
using EicAgent.Cli.HostKeys;
using EicAgent.Connect.Tests.Fakes;
using EicAgent.Testing;

namespace EicAgent.Connect.Tests.HostKeys;

/// <summary>The agent's known_hosts file, as ssh reads it: the open connections' names, each with its instance's keys.</summary>
public sealed class AgentKnownHostsFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("eic-known-hosts-file-");
    private readonly HostPublicKey _web1 = NewKey();
    private readonly HostPublicKey _web2 = NewKey();

    private string FilePath => _directory.Combine(AgentKnownHostsFile.FileName);

    public void Dispose() => _directory.Dispose();

    [Fact]
    [SupportedOSPlatform("linux")]
    public void A_connection_writes_its_instances_keys_under_each_name_ssh_checks_readable_only_by_the_user()
    {
        var file = new AgentKnownHostsFile(FilePath);
        using var connection = new CancellationTokenSource();

        var note = file.Publish(connection.Token, ["[web-1.eic]:2222", "alias-1"], [_web1]);

        Assert.Null(note);
        Assert.Equal([Line("[web-1.eic]:2222", _web1), Line("alias-1", _web1)], HostLines());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
    }

    [Fact]
    public void Two_open_connections_under_one_name_to_two_instances_each_find_their_key()
    {
        var file = new AgentKnownHostsFile(FilePath);
        using var prod = new CancellationTokenSource();
        using var dev = new CancellationTokenSource();

        file.Publish(prod.Token, ["web.eic"], [_web1]);
        file.Publish(dev.Token, ["web.eic"], [_web2]);

        Assert.Equal([Line("web.eic", _web1), Line("web.eic", _web2)], HostLines());
    }

    [Fact]
    public void A_closed_connections_keys_are_gone_at_the_next_write_so_a_replaced_instance_is_not_trusted()
    {
        var file = new AgentKnownHostsFile(FilePath);
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        using var third = new CancellationTokenSource();
        file.Publish(first.Token, ["web.eic"], [_web1]);
        first.Cancel();

        file.Publish(second.Token, ["web.eic"], [_web2]);
        var afterReplacement = HostLines();
        second.Cancel();
        file.Publish(third.Token, ["web.eic"], []);

        Assert.Equal([Line("web.eic", _web2)], afterReplacement);
        Assert.Empty(HostLines());
    }

    [Fact]
    public void A_connection_that_writes_again_replaces_what_it_wrote()
    {
        var file = new AgentKnownHostsFile(FilePath);
        using var connection = new CancellationTokenSource();
        file.Publish(connection.Token, ["web.eic"], [_web1]);

        file.Publish(connection.Token, ["web.eic"], [_web2]);

        Assert.Equal([Line("web.eic", _web2)], HostLines());
    }

    [Theory]
    [InlineData("*.eic")]
    [InlineData("@revoked")]
    [InlineData("web.eic evil")]
    [InlineData("web.eic\nevil.eic")]
    public void A_name_that_is_not_a_plain_known_hosts_host_is_left_out(string name)
    {
        var file = new AgentKnownHostsFile(FilePath);
        using var connection = new CancellationTokenSource();

        file.Publish(connection.Token, [name, "web.eic"], [_web1]);

        Assert.Equal([Line("web.eic", _web1)], HostLines());
    }

    [Fact]
    public void A_file_that_cannot_be_written_is_one_line_naming_it()
    {
        // A directory where the file should be: no rename replaces it, whoever runs the test (root included).
        Directory.CreateDirectory(_directory.Combine(AgentKnownHostsFile.FileName, "in-the-way"));
        using var connection = new CancellationTokenSource();

        var note = new AgentKnownHostsFile(FilePath).Publish(connection.Token, ["web.eic"], [_web1]);

        Assert.NotNull(note);
        Assert.StartsWith($"could not write {FilePath}: ", note, StringComparison.Ordinal);
        Assert.EndsWith("; ssh's own host key checking applies", note, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', note);
        Assert.Empty(Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void A_file_the_agent_did_not_write_is_left_alone_with_one_line_saying_so()
    {
        // Say the socket is in ~/.ssh, beside a known_hosts of the user's own under the agent's file name.
        const string Own = "web.eic ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOwn\n";
        File.WriteAllText(FilePath, Own);
        using var connection = new CancellationTokenSource();

        var note = new AgentKnownHostsFile(FilePath).Publish(connection.Token, ["web.eic"], [_web1]);

        Assert.Equal($"{FilePath} was not written by the eic agent, which leaves it alone (move it away); ssh's own host key checking applies", note);
        Assert.Equal(Own, File.ReadAllText(FilePath));
    }

    [Fact]
    public void Without_a_path_as_on_a_named_pipe_nothing_is_written()
    {
        using var connection = new CancellationTokenSource();

        var note = new AgentKnownHostsFile(null).Publish(connection.Token, ["web.eic"], [_web1]);

        Assert.Null(note);
        Assert.False(File.Exists(FilePath));
        Assert.Null(AgentKnownHostsFile.PathFor(@"\\.\pipe\eic-agent-you"));
        Assert.Equal("/run/user/1000/eic/eic_known_hosts", AgentKnownHostsFile.PathFor("/run/user/1000/eic/agent.sock"));
    }

    private string[] HostLines() => File.ReadAllLines(FilePath).Where(line => !line.StartsWith('#')).ToArray();

    private static string Line(string name, HostPublicKey key) => $"{name} {key.KeyType} {key.Base64}";

    private static HostPublicKey NewKey() => new("ssh-ed25519", Convert.ToBase64String(TestPublicKeys.Ed25519()));
}
