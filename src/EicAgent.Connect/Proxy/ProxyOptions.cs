using EicAgent.Aws.Paths;
using EicAgent.Aws.Scopes;

namespace EicAgent.Cli.Proxy;

/// <summary>What `eic proxy` was asked: ssh's %h %p %r and the user's choices.</summary>
internal sealed record ProxyOptions(string Host, int Port, string User, string? Profile, string? Region, NetworkPath Path, string SocketPath)
{
    /// <summary>The EC2 Instance Connect Endpoint to tunnel through (`--eice-id`); null: the VPC's own choice.</summary>
    public string? EndpointId { get; init; }

    /// <summary>To the instance's EC2 Serial Console (`--serial`, or a NAME.serial.eic host) rather than its sshd.</summary>
    public bool Serial { get; init; }

    /// <summary>ssh's IdentityFile for this connection (`--key-file`), where the agent hands ssh its key; null: by the agent's offer.</summary>
    public string? KeyFile { get; init; }

    /// <summary>The order `--via auto` tries paths in (`--auto-order`); null: direct, eice, ssm.</summary>
    public IReadOnlyList<NetworkPath>? AutoOrder { get; init; }

    /// <summary>The user's own key to push instead of a minted one (`--push-key`: a key file or `SHA256:...`); null to mint.</summary>
    public string? PushKey { get; init; }

    /// <summary>maxTunnelDuration of an endpoint tunnel (`--max-tunnel-duration`); null: none sent, the endpoint's hour.</summary>
    public int? MaxTunnelSeconds { get; init; }

    /// <summary>`--known-hosts-name` (ssh's %k: the HostKeyAlias, else the host as typed); null: only the host itself.</summary>
    public string? KnownHostsName { get; init; }

    /// <summary>
    /// The names ssh checks this connection's host key by, for the agent's known_hosts file: the host as ssh looks it
    /// up without a HostKeyAlias ("[host]:port" off port 22), and <see cref="KnownHostsName"/>, which covers an alias.
    /// </summary>
    public IReadOnlyList<string> KnownHostsNames =>
        new[] { Port == 22 ? Host : $"[{Host}]:{Port}", KnownHostsName }.OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The AWS variables of the shell that runs ssh, sent to the agent with the request.</summary>
    public AwsContext Context { get; init; } = AwsContext.Empty;

    /// <summary>How long to wait for the instance's TCP port to answer.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the agent may take to resolve the host and mint the key (the AWS calls are bounded below this).</summary>
    public TimeSpan AgentTimeout { get; init; } = TimeSpan.FromSeconds(45);
}
