using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;
using EicAgent.Agent.Tests.Support;
using NSec.Cryptography;

namespace EicAgent.Agent.Tests.Robustness;

/// <summary>Hundreds of clients at once, each listing and signing, all get correct answers.</summary>
public sealed class ConcurrencyTests : AgentTest
{
    private const int Clients = 200;

    [Fact]
    public async Task Two_hundred_concurrent_clients_each_list_and_get_a_valid_signature()
    {
        var key = await OpenSshKey.GenerateAsync(Work, "ed25519");
        await Agent.SshAddAsync(key.PrivatePath);
        var blob = Convert.FromBase64String(key.PublicLine.Split(' ')[1]);
        var publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, blob.AsSpan()[^32..], KeyBlobFormat.RawPublicKey);
        using var start = new SemaphoreSlim(0);

        var clients = Enumerable.Range(0, Clients).Select(async index =>
        {
            await using var client = await Agent.ConnectAsync();
            await start.WaitAsync();
            var identities = await client.ListIdentitiesAsync(CancellationToken.None);
            var data = BitConverter.GetBytes(index);
            var signature = await client.SignAsync(new SignRequest(blob, data, SignatureFlags.None), CancellationToken.None);
            return (identities, data, signature);
        }).ToList();
        start.Release(Clients);
        var results = await Task.WhenAll(clients).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(results, result =>
        {
            Assert.Equal(blob, Assert.Single(result.identities).KeyBlob);
            Assert.NotNull(result.signature);
            var reader = new SshReader(result.signature);
            reader.ReadString();
            Assert.True(SignatureAlgorithm.Ed25519.Verify(publicKey, result.data, reader.ReadString()));
        });
        Assert.Equal(key.PublicLine, (await Agent.SshAddAsync("-L")).StandardOutput.Trim());
    }
}
