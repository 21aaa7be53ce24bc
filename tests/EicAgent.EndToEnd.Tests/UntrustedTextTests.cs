using EicAgent.Aws.Listing;
using EicAgent.Cli.Untrusted;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>The one module every untrusted string passes through on its way to a file or a terminal.</summary>
public sealed class UntrustedTextTests
{
    private const string Ed25519 = "AAAAC3NzaC1lZDI1NTE5AAAAICYGTh/Q+JZypqwEo/1kVO1JNg7H9x3amR6/K70I0PgY";

    [Theory]
    [InlineData("plain web-1", "plain web-1")]
    [InlineData("a\nb\rc\td", @"a\nb\rc\td")]
    [InlineData("\u001b[31mred\u0007", @"\e[31mred\x07")]
    [InlineData("c1\u0085 del\u007f", @"c1\x85 del\x7f")]
    [InlineData("line\u2028para\u2029bidi\u202e", @"line\u2028para\u2029bidi\u202e")]
    [InlineData("C:\\Users\\é 😀", "C:\\Users\\é 😀")]
    public void Printable_escapes_every_control_format_and_separator_character(string text, string shown) =>
        Assert.Equal(shown, UntrustedText.Printable(text));

    [Theory]
    [InlineData("web-1", true)]
    [InlineData("a.b_c-9", true)]
    [InlineData("w*1", false)]
    [InlineData("two words", false)]
    [InlineData("quote\"", false)]
    [InlineData("per%cent", false)]
    [InlineData("", false)]
    public void Only_letters_digits_dot_underscore_and_dash_make_a_Host(string name, bool usable) =>
        Assert.Equal(usable, SshConfigText.IsHostName(name));

    [Fact]
    public void A_comment_cannot_end_before_its_line_does() =>
        Assert.Equal(@"# x\nMatch all\nProxyCommand touch /tmp/p", SshConfigText.Comment("x\nMatch all\nProxyCommand touch /tmp/p"));

    [Theory]
    [InlineData("/opt/it's 100%/eic", @"'/opt/it'\''s 100%%/eic'")]
    [InlineData("/opt/$(id)/eic", "'/opt/$(id)/eic'")]
    public void Proxy_command_words_are_single_quoted_for_the_shell_and_percent_doubled_for_ssh(string path, string word) =>
        Assert.Equal(word, SshConfigPaths.ProxyCommandWord(path));

    [Fact]
    public void Expanded_arguments_double_percent_and_keep_the_tokens_given()
    {
        Assert.Equal("\"/run/a b%%/cm-%C\"", SshConfigPaths.ExpandedArgument("/run/a b%/cm-", "%C"));
        Assert.Equal("\"/opt/100%/eic\"", SshConfigPaths.UnexpandedWord("/opt/100%/eic"));
        Assert.Throws<UnsafePathException>(() => SshConfigPaths.ExpandedArgument("/run/${HOME}/s"));
    }

    [Theory]
    [InlineData("web-1.eic ssh-ed25519 " + Ed25519, true)]
    [InlineData("[web-1.eic]:2222 ssh-ed25519 " + Ed25519, true)]
    [InlineData("* ssh-ed25519 " + Ed25519, false)]
    [InlineData("@revoked web-1.eic ssh-ed25519 " + Ed25519, false)]
    [InlineData("web-1.eic ssh-rsa " + Ed25519, false)]
    [InlineData("web-1.eic ssh-ed25519 " + Ed25519 + " comment", false)]
    [InlineData("web-1.eic ssh-ed25519 AAAA!!", false)]
    public void Only_well_formed_known_hosts_lines_pass(string line, bool wellFormed) =>
        Assert.Equal(wellFormed, KnownHostsLines.IsWellFormed(line));

    [Fact]
    public void A_known_hosts_line_is_built_only_for_a_plain_host()
    {
        var key = new HostPublicKey("ssh-ed25519", Ed25519);

        Assert.Equal("i-0123456789abcdef0 ssh-ed25519 " + Ed25519, KnownHostsLines.Line("i-0123456789abcdef0", key));
        Assert.Null(KnownHostsLines.Line("a,b", key));
        Assert.Null(KnownHostsLines.Line("a\nb", key));
    }
}
