using EicAgent.Aws.Listing;
using Xunit;

namespace EicAgent.Aws.Tests;

public sealed class DefaultOsUsersTests
{
    [Theory]
    [InlineData("Linux/UNIX", "al2023-ami-2023.6.20250101.0-kernel-6.1-x86_64", "Amazon Linux 2023 AMI", "ec2-user")]
    [InlineData("Linux/UNIX", "amzn2-ami-kernel-5.10-hvm-2.0.20250101.0-x86_64-gp2", null, "ec2-user")]
    [InlineData("Linux/UNIX", "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20250101", "Canonical, Ubuntu, 24.04", "ubuntu")]
    [InlineData("Linux/UNIX", "debian-12-amd64-20250101-1983", "Debian 12 (20250101-1983)", "admin")]
    [InlineData("Red Hat Enterprise Linux", "RHEL-9.4.0_HVM-20240605-x86_64-82-Hourly2-GP3", null, "ec2-user")]
    [InlineData("SUSE Linux", "suse-sles-15-sp6-v20250101-hvm-ssd-x86_64", null, "ec2-user")]
    [InlineData("Linux/UNIX", "CentOS Stream 9 x86_64 20250101", null, "centos")]
    [InlineData("Linux/UNIX", "Fedora-Cloud-Base-41-1.4.x86_64-hvm-us-east-1-gp3-0", null, "fedora")]
    [InlineData("Linux/UNIX", "bitnami-wordpress-6.7.1-r0-debian-12-amd64", "Bitnami WordPress on Debian 12", "bitnami")]
    public void Names_the_user_the_image_is_published_for(string platform, string name, string? description, string user)
    {
        Assert.Equal(new OsUserGuess(user, IsGuess: false), DefaultOsUsers.For(platform, name, description));
    }

    [Fact]
    public void Windows_has_no_ssh_user()
    {
        Assert.Equal(new OsUserGuess(null, IsGuess: false), DefaultOsUsers.For("Windows", "Windows_Server-2022-English-Full-Base", null));
        Assert.Equal("-", DefaultOsUsers.For("Windows").Display);
    }

    [Fact]
    public void An_unknown_image_gets_ec2_user_marked_as_a_guess()
    {
        var guess = DefaultOsUsers.For("Linux/UNIX", "my-golden-image-42", null);
        Assert.Equal(new OsUserGuess("ec2-user", IsGuess: true), guess);
        Assert.Equal("ec2-user?", guess.Display);
    }
}
