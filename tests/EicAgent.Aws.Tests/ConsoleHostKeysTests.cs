using EicAgent.Aws.Listing;
using Xunit;

namespace EicAgent.Aws.Tests;

public sealed class ConsoleHostKeysTests
{
    private const string Ed25519 = "AAAAC3NzaC1lZDI1NTE5AAAAIGX0NXcpnZperVQndwZRKFhW7wGkRQ5eaRahN4B97v6M";
    private const string Ecdsa = "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEXAMPLE";

    [Fact]
    public void Reads_keys_behind_a_syslog_prefix()
    {
        var console = $"""
            [   11.5] cloud-init[1201]: Cloud-init v. 22.2.2 running
            <14>Nov 24 14:00:14 cloud-init: -----BEGIN SSH HOST KEY KEYS-----
            <14>Nov 24 14:00:14 cloud-init: ecdsa-sha2-nistp256 {Ecdsa} root@ip-10-0-0-1
            <14>Nov 24 14:00:14 cloud-init: ssh-ed25519 {Ed25519} root@ip-10-0-0-1
            <14>Nov 24 14:00:14 cloud-init: -----END SSH HOST KEY KEYS-----
            """.Replace("\n", "\r\n", StringComparison.Ordinal);

        Assert.Equal([new("ecdsa-sha2-nistp256", Ecdsa), new("ssh-ed25519", Ed25519)], ConsoleHostKeys.Parse(console));
    }

    [Fact]
    public void The_last_block_wins_after_a_reboot()
    {
        var console = $"""
            ec2: -----BEGIN SSH HOST KEY KEYS-----
            ec2: ssh-ed25519 AAAAold root@old
            ec2: -----END SSH HOST KEY KEYS-----
            reboot
            ec2: -----BEGIN SSH HOST KEY KEYS-----
            ec2: ssh-ed25519 {Ed25519} root@new
            ec2: -----END SSH HOST KEY KEYS-----
            """;

        Assert.Equal([new("ssh-ed25519", Ed25519)], ConsoleHostKeys.Parse(console));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[    0.0] Linux version 6.1\nlogin: ")]
    [InlineData("ec2: -----BEGIN SSH HOST KEY KEYS-----\nec2: ssh-ed25519 AAAAcut")]
    public void No_complete_block_means_no_keys(string console)
    {
        Assert.Empty(ConsoleHostKeys.Parse(console));
    }
}
