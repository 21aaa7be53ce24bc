using EicAgent.Aws.Errors;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.SerialConsole;
using EicAgent.Aws.Tests.Fakes;
using Xunit;

namespace EicAgent.Aws.Tests;

/// <summary>The serial console endpoints AWS publishes, the files that update them, and the names and users of a serial connection.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class SerialConsoleEndpointsTests
{
    [Theory]
    [InlineData("us-east-1", "serial-console.ec2-instance-connect.us-east-1.aws", "SHA256:dXwn5ma/xadVMeBZGEru5l2gx+yI5LDiJaLUcz0FMmw")]
    [InlineData("af-south-1", "ec2-serial-console.af-south-1.api.aws", "SHA256:RMWWZ2fVePeJUqzjO5jL2KIgXsczoHlz21Ed00biiWI")]
    [InlineData("us-gov-west-1", "serial-console.ec2-instance-connect.us-gov-west-1.amazonaws.com", "SHA256:kfOFRWLaOZfB+utbd3bRf8OlPf8nGO2YZLqXZiIw5DQ")]
    public void The_built_in_list_is_AWSs_table(string region, string host, string fingerprint)
    {
        using var environment = new EnvironmentScope();

        var endpoint = SerialConsoleEndpoints.For(region);

        Assert.Equal(new SerialConsoleEndpoint(region, host, fingerprint, null), endpoint);
    }

    [Fact]
    public void A_file_named_by_EIC_SERIAL_CONSOLE_ENDPOINTS_replaces_a_region_and_adds_new_ones()
    {
        using var environment = new EnvironmentScope();
        var file = Path.Combine(environment.Directory, "endpoints");
        File.WriteAllText(file, "# newer\nus-east-1 serial.example SHA256:abc fips.serial.example\nxx-test-1 serial.xx SHA256:def\n");
        environment.Set(SerialConsoleEndpoints.FileVariable, file);

        Assert.Equal(new SerialConsoleEndpoint("us-east-1", "serial.example", "SHA256:abc", "fips.serial.example"), SerialConsoleEndpoints.For("us-east-1"));
        Assert.Equal("serial.xx", SerialConsoleEndpoints.For("xx-test-1")?.HostName);
        Assert.Equal("serial-console.ec2-instance-connect.us-west-2.aws", SerialConsoleEndpoints.For("us-west-2")?.HostName);
        Assert.Null(SerialConsoleEndpoints.For("nowhere-1"));
    }

    [Fact]
    public void A_malformed_line_names_its_file_and_line()
    {
        using var environment = new EnvironmentScope();
        var file = Path.Combine(environment.Directory, "endpoints");
        File.WriteAllText(file, "us-east-1 serial.example SHA256:abc\nus-west-2 only-two-fields\n");
        environment.Set(SerialConsoleEndpoints.FileVariable, file);

        var error = Assert.Throws<FormatException>(() => SerialConsoleEndpoints.For("us-east-1"));

        Assert.Equal($"{file} line 2: expected REGION ENDPOINT SHA256:FINGERPRINT [FIPS-ENDPOINT]", error.Message);
    }

    [Fact]
    public async Task With_FIPS_on_and_no_FIPS_endpoint_published_the_scope_says_so_rather_than_leave_FIPS()
    {
        using var environment = new EnvironmentScope();
        environment.UseStaticKeys("us-east-1");
        environment.Set("AWS_USE_FIPS_ENDPOINT", "true");
        using var scopes = new AwsScopes();
        var scope = await scopes.GetAsync(profile: null, region: null, CancellationToken.None);

        var error = Assert.Throws<EicAwsException>(() => scope.FindSerialConsoleEndpoint());

        Assert.Contains("no FIPS EC2 Serial Console endpoint is known for us-east-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_USE_FIPS_ENDPOINT=false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprints_are_OpenSSHs_and_only_the_published_one_matches()
    {
        const string Key = "AAAAC3NzaC1lZDI1NTE5AAAAIA/Y3FwKP2zZh0wECI81i13qhZY8xgtPHwvw49zzY4jx";
        var published = new SerialConsoleEndpoint("us-east-1", "h", "SHA256:YfAdvqVREJ5aehsMdoir3gjkfZQ2FuxxHP2gE3M2iFY", null);

        Assert.Equal("SHA256:YfAdvqVREJ5aehsMdoir3gjkfZQ2FuxxHP2gE3M2iFY", SerialHostKeyCheck.Fingerprint(Key)); // as ssh-keygen -l prints it
        Assert.True(SerialHostKeyCheck.Matches(published, Key));
        Assert.False(SerialHostKeyCheck.Matches(published with { Fingerprint = "SHA256:dXwn5ma/xadVMeBZGEru5l2gx+yI5LDiJaLUcz0FMmw" }, Key));
    }

    [Theory]
    [InlineData("i-0123456789abcdef0.port0", true, "i-0123456789abcdef0", 0)]
    [InlineData("i-0123abcd.port1", true, "i-0123abcd", 1)]
    [InlineData("ec2-user", false, "", 0)]
    [InlineData("i-0123456789abcdef0.port", false, "", 0)]
    [InlineData("x-i-0123456789abcdef0.port0", false, "", 0)]
    public void Serial_console_users_are_INSTANCE_portN(string user, bool parses, string instanceId, int port)
    {
        Assert.Equal(parses, SerialConsoleUser.TryParse(user, out var parsedId, out var parsedPort));
        Assert.Equal((instanceId, port), (parsedId, parsedPort));
        if (parses)
        {
            Assert.Equal(user, SerialConsoleUser.For(instanceId, port));
        }
    }

    [Theory]
    [InlineData("web-1.serial.eic", true, "web-1.eic")]
    [InlineData("web-1.prod.eu-west-1.serial.eic", true, "web-1.prod.eu-west-1.eic")]
    [InlineData("WEB-1.SERIAL.EIC", true, "WEB-1.eic")]
    [InlineData("serial.eic", false, "serial.eic")]
    [InlineData("web-1.eic", false, "web-1.eic")]
    [InlineData("i-0123456789abcdef0", false, "i-0123456789abcdef0")]
    public void NAME_serial_eic_is_the_serial_console_of_NAME_eic(string host, bool serial, string withoutSerial)
    {
        Assert.Equal(serial, SerialHostNames.IsSerial(host));
        Assert.Equal(withoutSerial, SerialHostNames.WithoutSerial(host));
    }
}
