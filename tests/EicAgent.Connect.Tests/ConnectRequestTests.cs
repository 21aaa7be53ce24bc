using EicAgent.Agent.Protocol;
using EicAgent.Aws.Paths;
using EicAgent.Aws.Scopes;
using EicAgent.Cli.Connect;

namespace EicAgent.Connect.Tests;

/// <summary>connect@eicagent's request on the wire: the caller's AWS context after the older fields.</summary>
public sealed class ConnectRequestTests
{
    [Fact]
    public void The_callers_context_round_trips()
    {
        var context = AwsContext.From([KeyValuePair.Create("AWS_PROFILE", "prod"), KeyValuePair.Create("AWS_SESSION_TOKEN", "t0ken")]);
        var request = new ConnectRequest("web.eic", 22, "ec2-user", null, "eu-west-1", NetworkPath.Eice, "eice-1") { Context = context };

        var read = ConnectRequest.Read(request.Write());

        Assert.Equal(request with { }, read with { Context = request.Context });
        Assert.Equal(context.Key, read.Context.Key);
        Assert.Equal("prod", read.Context.Get("AWS_PROFILE"));
    }

    [Fact]
    public void A_request_of_an_older_proxy_without_a_context_reads_with_none()
    {
        using var writer = new SshWriter();
        writer.WriteString("web.eic");
        writer.WriteUInt32(22);
        writer.WriteString("ec2-user");
        writer.WriteString("");
        writer.WriteString("");
        writer.WriteString("auto");

        var read = ConnectRequest.Read(writer.ToArray());

        Assert.Same(AwsContext.Empty, read.Context);
        Assert.Null(read.EndpointId);
    }

    [Fact]
    public void A_variable_eic_does_not_carry_is_unreadable()
    {
        using var writer = new SshWriter();
        writer.WriteString("web.eic");
        writer.WriteUInt32(22);
        writer.WriteString("ec2-user");
        writer.WriteString("");
        writer.WriteString("");
        writer.WriteString("auto");
        writer.WriteString("");
        writer.WriteUInt32(1);
        writer.WriteString("LD_PRELOAD");
        writer.WriteString("/tmp/x.so");

        var error = Assert.Throws<AgentProtocolException>(() => ConnectRequest.Read(writer.ToArray()));

        Assert.Contains("LD_PRELOAD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_names_for_the_agents_known_hosts_round_trip_and_a_request_without_them_is_written_as_before()
    {
        var without = new ConnectRequest("web.eic", 2222, "ec2-user", null, null, NetworkPath.Auto);
        var with = without with { KnownHostsNames = ["[web.eic]:2222", "web-alias"] };

        var read = ConnectRequest.Read(with.Write());

        Assert.Equal(["[web.eic]:2222", "web-alias"], read.KnownHostsNames);
        Assert.Empty(ConnectRequest.Read(without.Write()).KnownHostsNames);
        Assert.Equal(without.Write(), with.Write()[..without.Write().Length]);
    }

    [Fact]
    public void More_than_four_known_hosts_names_are_a_protocol_error()
    {
        var request = new ConnectRequest("web.eic", 22, "ec2-user", null, null, NetworkPath.Auto) { KnownHostsNames = ["a", "b", "c", "d", "e"] };

        var error = Assert.Throws<AgentProtocolException>(() => ConnectRequest.Read(request.Write()));

        Assert.Contains("5 known_hosts names", error.Message, StringComparison.Ordinal);
    }
}
