using EicAgent.Aws.Listing;
using Xunit;

namespace EicAgent.Aws.Tests;

public sealed class ConsoleHostKeysTests
{
    // Real keys (ssh-keygen): the parser decodes them and checks the type inside the blob.
    private const string Ed25519 = "AAAAC3NzaC1lZDI1NTE5AAAAICYGTh/Q+JZypqwEo/1kVO1JNg7H9x3amR6/K70I0PgY";
    private const string OtherEd25519 = "AAAAC3NzaC1lZDI1NTE5AAAAIJMU+vm20oGer5UtjVRrFCHpUTxtq5/ePkenMYb7JNi1";
    private const string Ecdsa = "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBLbmrgBRk1UVZB8io/pX/qLvC4y1opszCHgn04ywanh+aFn4pWnx0k0jgTSppLDPNcLJ8roYwSp30U6k+dIXHCU=";
    private const string Boot = "[    0.000000] Linux version 6.1.0 (builder@eic) #1 SMP";

    private static string Block(string prefix, params string[] keyLines) =>
        string.Concat(keyLines.Select(line => $"{prefix}{line}\n").Prepend($"{prefix}-----BEGIN SSH HOST KEY KEYS-----\n"))
        + $"{prefix}-----END SSH HOST KEY KEYS-----\n";

    [Theory]
    [InlineData("")]
    [InlineData("ec2: ")]
    [InlineData("<14>Nov 24 14:00:14 ec2: ")]
    public void Reads_keys_with_each_prefix_cloud_init_prints(string prefix)
    {
        var console = $"{Boot}\n[   11.5] cloud-init[1201]: Cloud-init v. 22.2.2 running\n"
            + Block(prefix, $"ecdsa-sha2-nistp256 {Ecdsa} root@ip-10-0-0-1", $"ssh-ed25519 {Ed25519} root@ip-10-0-0-1").Replace("\n", "\r\n", StringComparison.Ordinal);

        var read = ConsoleHostKeys.Read(console);

        Assert.Equal([new("ecdsa-sha2-nistp256", Ecdsa), new("ssh-ed25519", Ed25519)], read.Keys);
        Assert.Null(read.Warning);
    }

    [Theory]
    [InlineData("evil: ")]
    [InlineData("ec2:")]
    [InlineData("cloud-init: ")]
    [InlineData("[  100.0] foo: ")]
    public void Markers_behind_any_other_prefix_do_not_count(string prefix)
    {
        var console = $"{Boot}\n" + Block(prefix, $"ssh-ed25519 {Ed25519}");

        Assert.Empty(ConsoleHostKeys.Read(console).Keys);
    }

    [Fact]
    public void A_later_block_with_other_keys_gives_no_keys_and_one_warning()
    {
        var console = $"{Boot}\n" + Block("ec2: ", $"ssh-ed25519 {Ed25519} root@real") + "login: \n" + Block("", $"ssh-ed25519 {OtherEd25519} root@forged");

        var read = ConsoleHostKeys.Read(console);

        Assert.Empty(read.Keys);
        Assert.NotNull(read.Warning);
        Assert.DoesNotContain('\n', read.Warning);
    }

    [Fact]
    public void A_later_empty_block_does_not_switch_the_check_off()
    {
        var console = $"{Boot}\n" + Block("ec2: ", $"ssh-ed25519 {Ed25519}") + Block("ec2: ");

        Assert.Equal([new("ssh-ed25519", Ed25519)], ConsoleHostKeys.Read(console).Keys);
    }

    [Fact]
    public void A_later_block_repeating_the_same_keys_changes_nothing()
    {
        var console = $"{Boot}\n" + Block("ec2: ", $"ssh-ed25519 {Ed25519} a") + Block("", $"ssh-ed25519 {Ed25519} b");

        var read = ConsoleHostKeys.Read(console);

        Assert.Equal([new("ssh-ed25519", Ed25519)], read.Keys);
        Assert.Null(read.Warning);
    }

    [Fact]
    public void Only_the_blocks_since_the_last_boot_count()
    {
        var console = $"{Boot}\n" + Block("ec2: ", $"ssh-ed25519 {OtherEd25519} root@old") + "reboot: Restarting system\n"
            + $"{Boot}\n" + Block("ec2: ", $"ssh-ed25519 {Ed25519} root@new");

        Assert.Equal([new("ssh-ed25519", Ed25519)], ConsoleHostKeys.Read(console).Keys);
    }

    [Fact]
    public void Kernel_lines_interleaved_with_the_block_are_skipped()
    {
        var console = $"{Boot}\nec2: -----BEGIN SSH HOST KEY KEYS-----\n[   12.1] random: crng init done\nec2: ssh-ed25519 {Ed25519}\nec2: -----END SSH HOST KEY KEYS-----\n";

        Assert.Equal([new("ssh-ed25519", Ed25519)], ConsoleHostKeys.Read(console).Keys);
    }

    [Theory]
    [InlineData("ssh-ed25519 AAAAnotbase64!!")]
    [InlineData("ssh-rsa " + Ed25519)]
    [InlineData("ssh-dss AAAAB3NzaC1kc3MAAACBAP")]
    [InlineData("sk-ssh-ed25519@openssh.com " + Ed25519)]
    [InlineData("ecdsa-sha2-nistp256 " + Ed25519)]
    [InlineData("garbage between the markers")]
    public void A_block_with_a_key_that_does_not_decode_or_match_its_type_gives_no_keys(string badLine)
    {
        var console = $"{Boot}\n" + Block("ec2: ", $"ssh-ed25519 {Ed25519}", badLine);

        var read = ConsoleHostKeys.Read(console);

        Assert.Empty(read.Keys);
        Assert.NotNull(read.Warning);
    }

    [Theory]
    [InlineData("")]
    [InlineData(Boot + "\nlogin: ")]
    [InlineData(Boot + "\nec2: -----BEGIN SSH HOST KEY KEYS-----\nec2: ssh-ed25519 " + Ed25519)]
    [InlineData(Boot + "\nec2: -----BEGIN SSH HOST KEY KEYS-----\nec2: -----END SSH HOST KEY KEYS-----\n")]
    public void No_complete_block_with_keys_means_no_keys_and_no_warning(string console)
    {
        var read = ConsoleHostKeys.Read(console);

        Assert.Empty(read.Keys);
        Assert.Null(read.Warning);
    }
}
