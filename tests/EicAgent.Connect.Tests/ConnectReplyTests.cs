using EicAgent.Agent.Protocol;
using EicAgent.Aws.Paths;
using EicAgent.Aws.Tls;
using EicAgent.Cli.Connect;

namespace EicAgent.Connect.Tests;

/// <summary>
/// connect@eicagent's reply on the wire: a websocket route carries the CA bundle of the agent's scope to the proxy;
/// every route can carry why ssh will not find the instance's host keys in the agent's known_hosts file.
/// </summary>
public sealed class ConnectReplyTests
{
    private static readonly CaBundleSource ProfileBundle = new("/home/u/certs/corp-ca.pem", "ca_bundle = certs/corp-ca.pem of profile corp");

    [Fact]
    public void An_endpoint_route_carries_the_scopes_CA_bundle_and_where_it_was_set()
    {
        var route = new WebSocketRoute(new Uri("wss://eice-1.ec2-instance-connect-endpoint.eu-west-1.amazonaws.com/openTunnel?a=b"), "eice-1.example") { CaBundle = ProfileBundle };

        var read = ConnectReply.Read(ConnectReply.To("i-0123", route).ToMessage());

        Assert.Equal(route, read.Route);
        Assert.Equal(ProfileBundle, ((WebSocketRoute)read.Route!).CaBundle);
    }

    [Fact]
    public void A_session_manager_route_carries_the_scopes_CA_bundle()
    {
        var route = new SessionManagerRoute("s-1", new Uri("wss://ssmmessages.eu-west-1.amazonaws.com/v1/data-channel/s-1"), "token") { CaBundle = ProfileBundle };

        var read = ConnectReply.Read(ConnectReply.To("i-0123", route).ToMessage());

        Assert.Equal(ProfileBundle, ((SessionManagerRoute)read.Route!).CaBundle);
    }

    [Fact]
    public void A_route_of_a_scope_without_a_bundle_is_written_as_older_agents_wrote_it_and_reads_with_none()
    {
        var url = new Uri("wss://eice-1.example/openTunnel?a=b");
        var older = AgentMessage.Create(AgentMessageType.Success, writer =>
        {
            writer.WriteByte(2);
            writer.WriteString("i-0123");
            writer.WriteString(url.AbsoluteUri);
            writer.WriteString("eice-1.example");
        });

        var written = ConnectReply.To("i-0123", new WebSocketRoute(url, "eice-1.example")).ToMessage();
        var read = ConnectReply.Read(older);

        Assert.Equal(older.Bytes.ToArray(), written.Bytes.ToArray());
        Assert.Null(((WebSocketRoute)read.Route!).CaBundle);
    }

    [Fact]
    public void A_bundle_path_that_is_not_a_full_path_is_a_protocol_error()
    {
        var route = new WebSocketRoute(new Uri("wss://eice-1.example/openTunnel"), "eice-1.example") { CaBundle = new CaBundleSource("ca.pem", "AWS_CA_BUNDLE=ca.pem") };

        var error = Assert.Throws<AgentProtocolException>(() => ConnectReply.Read(ConnectReply.To("i-0123", route).ToMessage()));

        Assert.Contains("not a full path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_route_carries_the_host_key_note_with_or_without_a_bundle()
    {
        const string Note = "i-0123's console shows no SSH HOST KEY KEYS block: ssh's own host key checking applies";
        Route[] routes =
        [
            new TcpRoute("203.0.113.1", 22),
            new WebSocketRoute(new Uri("wss://eice-1.example/openTunnel"), "eice-1.example"),
            new WebSocketRoute(new Uri("wss://eice-1.example/openTunnel"), "eice-1.example") { CaBundle = ProfileBundle },
            new SessionManagerRoute("s-1", new Uri("wss://ssmmessages.eu-west-1.amazonaws.com/v1/data-channel/s-1"), "token"),
        ];

        foreach (var route in routes)
        {
            var read = ConnectReply.Read(ConnectReply.To("i-0123", route, Note).ToMessage());

            Assert.Equal(Note, read.HostKeyNote);
            Assert.Equal(route, read.Route);
        }
    }

    [Fact]
    public void A_tcp_route_without_a_note_is_written_as_older_agents_wrote_it()
    {
        var older = AgentMessage.Create(AgentMessageType.Success, writer =>
        {
            writer.WriteByte(0);
            writer.WriteString("i-0123");
            writer.WriteString("203.0.113.1");
            writer.WriteUInt32(22);
        });

        var written = ConnectReply.To("i-0123", new TcpRoute("203.0.113.1", 22)).ToMessage();

        Assert.Equal(older.Bytes.ToArray(), written.Bytes.ToArray());
        Assert.Null(ConnectReply.Read(older).HostKeyNote);
    }
}
