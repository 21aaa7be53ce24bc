using EicAgent.Simulator.Fleet;
using EicAgent.Simulator.Sshd;

namespace EicAgent.Simulator.SerialConsole;

/// <summary>
/// The simulated serial-console.ec2-instance-connect.REGION.aws: one real sshd on an address of the simulator's
/// loopback block, with its own host key, where INSTANCE.port0 (an OS user of that name, made with useradd
/// --badname) logs in with a key pushed by SendSerialConsoleSSHPublicKey and is attached to that instance's console.
/// Root only: sshd cannot log in a user other than the one it runs as otherwise.
/// </summary>
internal sealed class SerialEndpoint : IAsyncDisposable
{
    /// <summary>The last octet of the endpoint's address in the simulator's 127.A.B.0/24 (no instance uses it).</summary>
    public const byte AddressOctet = 250;

    private readonly SshdProcess _sshd;
    private readonly SshdLog _log;

    private SerialEndpoint(SshdProcess sshd, SshdLog log, string address, int port, string hostPublicKey, IReadOnlyList<string> createdUsers)
    {
        _sshd = sshd;
        _log = log;
        Address = address;
        Port = port;
        HostPublicKey = hostPublicKey;
        CreatedUsers = createdUsers;
    }

    public string Address { get; }

    public int Port { get; }

    public string HostPublicKey { get; }

    public IReadOnlyList<string> CreatedUsers { get; }

    public static async Task<SerialEndpoint> StartAsync(
        InstanceSetup setup, int simulatorPort, IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var directory = StateDirectories.CreatePrivate(setup.StateDirectory, "serial-console");
        var hostKey = await HostKey.GenerateAsync(directory, "serial-console", cancellationToken);
        var created = await SerialConsoleUsers.EnsureAsync(instanceIds.Select(SerialEndpointConfig.UserFor), cancellationToken);
        var address = setup.Block.Address(AddressOctet);
        var config = new SerialEndpointConfig(
            address,
            setup.SshPort,
            hostKey.PrivateKeyPath,
            setup.AuthorizedKeysScript,
            SerialSessionScript.Write(Path.GetDirectoryName(setup.AuthorizedKeysScript)!, simulatorPort),
            instanceIds,
            setup.DisablePerSourcePenalties);
        var log = new SshdLog(Path.Combine(directory, "sshd.log"));
        try
        {
            var sshd = await SshdProcess.StartAsync(config.Write(Path.Combine(directory, "sshd_config")), log, 1, command: null, cancellationToken);
            return new SerialEndpoint(sshd, log, address, setup.SshPort, hostKey.PublicKeyLine, created);
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    /// <summary>Kills sshd with every console session; the session requests end with their scripts.</summary>
    public async ValueTask DisposeAsync()
    {
        await _sshd.DisposeAsync();
        _log.Dispose();
    }
}
