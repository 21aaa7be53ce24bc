using EicAgent.Agent.Keys;
using EicAgent.Cli.Connect;
using EicAgent.Connect.Tests.Fakes;

namespace EicAgent.Connect.Tests;

/// <summary>Which of the user's own keys `--push-key` may push: what EC2 Instance Connect accepts, nothing else.</summary>
public sealed class ExistingKeyTests
{
    [Fact]
    public void Ed25519_and_rsa_of_2048_bits_are_pushed_under_eics_comment()
    {
        var ed25519 = TestPublicKeys.Ed25519();
        var rsa = TestPublicKeys.Rsa(2048);

        Assert.Equal($"ssh-ed25519 {Convert.ToBase64String(ed25519)} eic-existing-key", ExistingKey.FromBlob(ed25519).PublicKeyLine);
        Assert.Equal((SshPublicKey.Fingerprint(rsa), $"ssh-rsa {Convert.ToBase64String(rsa)} eic-existing-key"),
            (ExistingKey.FromBlob(rsa).Fingerprint, ExistingKey.FromBlob(rsa).PublicKeyLine));
    }

    [Fact]
    public void Rsa_below_2048_bits_is_refused_with_its_size()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ExistingKey.FromBlob(TestPublicKeys.Rsa(1024)));

        Assert.Contains("is RSA of 1024 bits; EC2 Instance Connect takes RSA of 2048 bits or more, or Ed25519", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_is_not_a_key_is_refused_without_echoing_it()
    {
        byte[] garbage = [0, 0, 0, 7, .. "ssh-rsa"u8, 0, 0, 0, 9, 1];

        var error = Assert.Throws<InvalidOperationException>(() => ExistingKey.FromBlob(garbage));

        Assert.EndsWith("is not a well-formed SSH public key", error.Message, StringComparison.Ordinal);
    }
}
