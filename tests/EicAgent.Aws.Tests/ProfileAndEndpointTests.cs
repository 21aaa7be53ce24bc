using System.Net;
using System.Net.Sockets;
using Amazon;
using Amazon.Runtime.Endpoints;
using EicAgent.Aws.Errors;
using EicAgent.Aws.InstanceConnect;
using EicAgent.Aws.InstanceConnect.Model;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.Tests.Fakes;

namespace EicAgent.Aws.Tests;

/// <summary>Shared config and credentials files, endpoint overrides and the credential chain, as SDK clients honour them.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class ProfileAndEndpointTests
{
    private const string Ok = """{"RequestId":"r-1","Success":true}""";

    [Fact]
    public async Task A_named_profile_gives_keys_region_and_endpoint_url()
    {
        using var environment = new EnvironmentScope();
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        environment.Set("AWS_REGION", "us-west-2");
        File.WriteAllText(environment.ConfigFile, $"[profile prod]\nregion = ap-south-1\nendpoint_url = {endpoint.Url}\n");
        File.WriteAllText(environment.CredentialsFile, "[prod]\naws_access_key_id = AKIDPROD\naws_secret_access_key = prodsecret\n");

        var request = await PushThroughScopeAsync(endpoint, "prod", region: null);

        Assert.Contains("Credential=AKIDPROD/", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Contains("/ap-south-1/ec2-instance-connect/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_explicit_region_beats_the_profile_region()
    {
        using var environment = new EnvironmentScope();
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        File.WriteAllText(environment.ConfigFile, $"[profile prod]\nregion = ap-south-1\nendpoint_url = {endpoint.Url}\n");
        File.WriteAllText(environment.CredentialsFile, "[prod]\naws_access_key_id = AKIDPROD\naws_secret_access_key = prodsecret\n");

        var request = await PushThroughScopeAsync(endpoint, "prod", "eu-north-1");

        Assert.Contains("/eu-north-1/ec2-instance-connect/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_services_section_of_a_profile_is_honoured_for_ec2_instance_connect()
    {
        using var environment = new EnvironmentScope();
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        File.WriteAllText(
            environment.ConfigFile,
            $"[profile lab]\nregion = eu-west-1\nservices = local\n\n[services local]\nec2_instance_connect =\n  endpoint_url = {endpoint.Url}\n");
        File.WriteAllText(environment.CredentialsFile, "[lab]\naws_access_key_id = AKIDLAB\naws_secret_access_key = labsecret\n");

        var request = await PushThroughScopeAsync(endpoint, "lab", region: null);

        Assert.Contains("Credential=AKIDLAB/", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_specific_endpoint_variable_beats_the_global_one()
    {
        using var environment = new EnvironmentScope();
        environment.UseStaticKeys();
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        environment.Set("AWS_ENDPOINT_URL", $"http://127.0.0.1:{ClosedPort()}");
        environment.Set("AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT", endpoint.Url.ToString());

        var request = await PushThroughScopeAsync(endpoint, profile: null, region: null);

        Assert.Equal("AWSEC2InstanceConnectService.SendSSHPublicKey", request.Header("X-Amz-Target"));
    }

    [Fact]
    public async Task An_assume_role_profile_calls_sts_with_the_source_profile_and_signs_with_the_role()
    {
        using var environment = new EnvironmentScope();
        await using var endpoint = await FakeAwsEndpoint.StartAsync(request => request.Body.Contains("Action=AssumeRole", StringComparison.Ordinal)
            ? FakeResponse.Xml("""
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult>
                    <Credentials><AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>rolesecret</SecretAccessKey>
                      <SessionToken>roletoken</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>
                    <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/Dev/eic</Arn><AssumedRoleId>AROAEXAMPLE:eic</AssumedRoleId></AssumedRoleUser>
                  </AssumeRoleResult>
                  <ResponseMetadata><RequestId>r-sts</RequestId></ResponseMetadata>
                </AssumeRoleResponse>
                """)
            : FakeResponse.Json(200, Ok));
        environment.Set("AWS_ENDPOINT_URL", endpoint.Url.ToString());
        File.WriteAllText(environment.ConfigFile, "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/Dev\nsource_profile = base\nregion = eu-west-1\n");
        File.WriteAllText(environment.CredentialsFile, "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = basesecret\n");

        using var scopes = new AwsScopes();
        var scope = await scopes.GetAsync("dev", null, CancellationToken.None);
        await scope.PushKeyAsync(InstanceConnectWireTests.Instance, "ec2-user", InstanceConnectWireTests.PublicKey, CancellationToken.None);

        var requests = endpoint.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Contains("Credential=AKIDBASE/", requests[0].Header("Authorization"), StringComparison.Ordinal);
        Assert.Contains("Credential=ASIAROLE/", requests[1].Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("roletoken", requests[1].Header("X-Amz-Security-Token"));
    }

    [SkippableFact]
    public async Task Credential_process_supplies_the_keys()
    {
        using var environment = new EnvironmentScope();
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        var script = Path.Combine(environment.Directory, "creds.sh");
        WriteScript(script, """
            #!/bin/sh
            echo '{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "processsecret", "SessionToken": "tok"}'
            """);
        File.WriteAllText(environment.ConfigFile, $"[profile proc]\nregion = eu-west-3\ncredential_process = {script}\nendpoint_url = {endpoint.Url}\n");

        var request = await PushThroughScopeAsync(endpoint, "proc", region: null);

        Assert.Contains("Credential=AKIDPROCESS/", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("tok", request.Header("X-Amz-Security-Token"));
    }

    [SkippableFact]
    public async Task A_failing_credential_process_is_reported_on_one_line()
    {
        using var environment = new EnvironmentScope();
        var script = Path.Combine(environment.Directory, "fail.sh");
        WriteScript(script, "#!/bin/sh\necho 'token expired, log in again' >&2\nexit 3\n");
        File.WriteAllText(environment.ConfigFile, $"[profile proc]\nregion = eu-west-3\ncredential_process = {script}\n");

        var error = await ScopeErrorAsync("proc", null);

        Assert.Equal(EicAwsErrorKind.NoCredentials, error.Kind);
        Assert.StartsWith("credential_process of profile proc failed:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_sso_profile_without_a_cached_token_asks_for_aws_sso_login()
    {
        using var environment = new EnvironmentScope();
        environment.Set("HOME", environment.Directory);
        File.WriteAllText(environment.ConfigFile, """
            [profile dev]
            sso_session = corp
            sso_account_id = 123456789012
            sso_role_name = Developer
            region = eu-west-1

            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = eu-west-1
            sso_registration_scopes = sso:account:access
            """);

        var error = await ScopeErrorAsync("dev", null);

        Assert.Equal(EicAwsErrorKind.SsoLoginRequired, error.Kind);
        Assert.Equal("the AWS SSO session of profile dev is missing or expired: run `aws sso login --profile dev`", error.Message);
    }

    [Fact]
    public async Task No_credentials_anywhere_says_how_to_get_some()
    {
        using var environment = new EnvironmentScope();
        environment.Set("AWS_REGION", "eu-west-1");

        var error = await ScopeErrorAsync(null, null);

        Assert.Equal(EicAwsErrorKind.NoCredentials, error.Kind);
        Assert.StartsWith("no AWS credentials found: set AWS_PROFILE or pass --profile, run `aws configure`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_profile_is_named()
    {
        using var environment = new EnvironmentScope();

        var error = await ScopeErrorAsync("nosuch", "eu-west-1");

        Assert.Equal(EicAwsErrorKind.NoCredentials, error.Kind);
        Assert.StartsWith("AWS profile 'nosuch' not found in ~/.aws/config", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_region_anywhere_lists_the_ways_to_give_one()
    {
        using var environment = new EnvironmentScope();
        File.WriteAllText(environment.CredentialsFile, "[prod]\naws_access_key_id = AKIDPROD\naws_secret_access_key = prodsecret\n");

        var error = await ScopeErrorAsync("prod", null);

        Assert.Equal(EicAwsErrorKind.NoRegion, error.Kind);
        Assert.Equal(
            "no AWS region: pass --region, use a host name like TARGET.REGION.eic, add `region = ...` to profile prod in ~/.aws/config, or set AWS_REGION",
            error.Message);
    }

    [Fact]
    public async Task A_closed_port_is_unreachable_quickly()
    {
        using var environment = new EnvironmentScope();
        environment.UseStaticKeys();
        environment.Set("AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT", $"http://127.0.0.1:{ClosedPort()}");
        using var scopes = new AwsScopes(new AwsSettings { MaxErrorRetry = 0 });
        var scope = await scopes.GetAsync(profile: null, region: null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<EicAwsException>(
            () => scope.PushKeyAsync(InstanceConnectWireTests.Instance, "ec2-user", InstanceConnectWireTests.PublicKey, CancellationToken.None));

        Assert.Equal(EicAwsErrorKind.Unreachable, error.Kind);
        Assert.StartsWith("cannot reach AWS for SendSSHPublicKey in eu-west-1: connection refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silent_endpoint_is_cut_at_the_call_timeout()
    {
        using var environment = new EnvironmentScope();
        environment.UseStaticKeys();
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        environment.Set("AWS_ENDPOINT_URL_EC2", $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}");
        using var scopes = new AwsScopes(new AwsSettings { CallTimeout = TimeSpan.FromSeconds(1) });
        var scope = await scopes.GetAsync(profile: null, region: null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<EicAwsException>(() => scope.Instances.ResolveAsync("web-1", CancellationToken.None));

        Assert.Equal(EicAwsErrorKind.Timeout, error.Kind);
        Assert.Equal(
            "no answer from AWS for DescribeInstances in eu-west-1 within 1 s; check the network or proxy and try again", error.Message);
    }

    [Theory]
    [InlineData(false, false, "https://ec2-instance-connect.us-east-1.amazonaws.com")]
    [InlineData(true, false, "https://ec2-instance-connect-fips.us-east-1.amazonaws.com")]
    [InlineData(false, true, "https://ec2-instance-connect.us-east-1.api.aws")]
    [InlineData(true, true, "https://ec2-instance-connect-fips.us-east-1.api.aws")]
    public void Fips_and_dual_stack_variables_choose_the_endpoint(bool fips, bool dualStack, string expected)
    {
        using var environment = new EnvironmentScope();
        environment.Set("AWS_USE_FIPS_ENDPOINT", fips ? "true" : null);
        environment.Set("AWS_USE_DUALSTACK_ENDPOINT", dualStack ? "true" : null);

        Assert.Equal(expected, EndpointFor(new InstanceConnectConfig { RegionEndpoint = RegionEndpoint.USEast1 }));
    }

    [Fact]
    public void A_named_profile_can_ask_for_fips_and_china_gets_its_own_domain()
    {
        using var environment = new EnvironmentScope();
        File.WriteAllText(environment.ConfigFile, "[profile gov]\nregion = us-gov-west-1\nuse_fips_endpoint = true\n");
        var config = new InstanceConnectConfig();
        var context = AwsContext.FromEnvironment();
        var store = new Amazon.Runtime.CredentialManagement.SharedCredentialsFile(environment.CredentialsFile);
        var profile = AwsProfileSettings.LoadProfile("gov", context, store);
        AwsProfileSettings.Apply(config, new AwsScopeInfo("gov", "us-gov-west-1"), profile, new AwsSettings(), context, environment.CredentialsFile);

        Assert.Equal("https://ec2-instance-connect-fips.us-gov-west-1.amazonaws.com", EndpointFor(config));
        Assert.Equal(
            "https://ec2-instance-connect.cn-north-1.amazonaws.com.cn",
            EndpointFor(new InstanceConnectConfig { RegionEndpoint = RegionEndpoint.CNNorth1 }));
    }

    [Fact]
    public async Task The_callers_context_beats_this_process_own_keys_region_and_endpoint()
    {
        using var environment = new EnvironmentScope();
        environment.UseStaticKeys(region: "ap-south-1");
        environment.Set("AWS_ENDPOINT_URL", $"http://127.0.0.1:{ClosedPort()}");
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        var caller = AwsContext.From(
        [
            KeyValuePair.Create("AWS_ACCESS_KEY_ID", "AKIDCALLER"), KeyValuePair.Create("AWS_SECRET_ACCESS_KEY", "callersecret"),
            KeyValuePair.Create("AWS_SESSION_TOKEN", "callertoken"), KeyValuePair.Create("AWS_REGION", "eu-central-1"),
            KeyValuePair.Create("AWS_ENDPOINT_URL", endpoint.Url.ToString()),
        ]);

        using var scopes = new AwsScopes();
        var scope = await scopes.GetAsync(profile: null, region: null, caller, CancellationToken.None);
        await scope.PushKeyAsync(InstanceConnectWireTests.Instance, "ec2-user", InstanceConnectWireTests.PublicKey, CancellationToken.None);

        var request = Assert.Single(endpoint.Requests);
        Assert.Contains("Credential=AKIDCALLER/", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Contains("/eu-central-1/ec2-instance-connect/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("callertoken", request.Header("X-Amz-Security-Token"));
    }

    [Fact]
    public async Task An_empty_context_takes_no_region_from_this_process()
    {
        using var environment = new EnvironmentScope();
        environment.UseStaticKeys(region: "ap-south-1");

        using var scopes = new AwsScopes();
        var error = await Assert.ThrowsAsync<EicAwsException>(() => scopes.GetAsync(profile: null, region: null, AwsContext.Empty, CancellationToken.None));

        Assert.Equal(EicAwsErrorKind.NoRegion, error.Kind);
    }

    [Fact]
    public async Task A_profile_in_config_files_that_are_not_siblings_is_found_with_its_endpoint()
    {
        using var environment = new EnvironmentScope();
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, Ok));
        var config = Path.Combine(environment.Directory, "elsewhere.ini");
        var credentials = Path.Combine(environment.Directory, "keys", "creds.ini");
        Directory.CreateDirectory(Path.GetDirectoryName(credentials)!);
        File.WriteAllText(config, $"[profile far]\nregion = sa-east-1\nendpoint_url = {endpoint.Url}\n");
        File.WriteAllText(credentials, "[far]\naws_access_key_id = AKIDFAR\naws_secret_access_key = farsecret\n");
        environment.Set("XDG_CACHE_HOME", Path.Combine(environment.Directory, "cache"));
        environment.Set("AWS_CONFIG_FILE", null); // as in the agent, which keeps no AWS variable of its own
        var caller = AwsContext.From([KeyValuePair.Create("AWS_CONFIG_FILE", config), KeyValuePair.Create("AWS_SHARED_CREDENTIALS_FILE", credentials)]);

        using var scopes = new AwsScopes();
        var scope = await scopes.GetAsync("far", null, caller, CancellationToken.None);
        await scope.PushKeyAsync(InstanceConnectWireTests.Instance, "ec2-user", InstanceConnectWireTests.PublicKey, CancellationToken.None);

        Assert.Contains("Credential=AKIDFAR/", Assert.Single(endpoint.Requests).Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("sa-east-1", scope.Info.Region);
    }

    private static string EndpointFor(InstanceConnectConfig config) =>
        config.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(new SendSshPublicKeyRequest())).URL.TrimEnd('/');

    /// <summary>Pushes a key through a fresh <see cref="AwsScopes"/>; the one request <paramref name="endpoint"/> saw.</summary>
    internal static async Task<RecordedRequest> PushThroughScopeAsync(FakeAwsEndpoint endpoint, string? profile, string? region)
    {
        using var scopes = new AwsScopes();
        var scope = await scopes.GetAsync(profile, region, CancellationToken.None);
        await scope.PushKeyAsync(InstanceConnectWireTests.Instance, "ec2-user", InstanceConnectWireTests.PublicKey, CancellationToken.None);
        return Assert.Single(endpoint.Requests);
    }

    private static async Task<EicAwsException> ScopeErrorAsync(string? profile, string? region)
    {
        using var scopes = new AwsScopes();
        var error = await Assert.ThrowsAsync<EicAwsException>(() => scopes.GetAsync(profile, region, CancellationToken.None));
        Assert.DoesNotContain('\n', error.Message);
        return error;
    }

    private static void WriteScript(string path, string text)
    {
        Skip.If(OperatingSystem.IsWindows(), "credential_process scripts here are POSIX sh");
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
