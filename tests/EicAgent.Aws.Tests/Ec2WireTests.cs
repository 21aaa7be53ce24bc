using System.Net;
using EicAgent.Aws.Diagnostics;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.Tests.Fakes;

namespace EicAgent.Aws.Tests;

/// <summary>The real AmazonEC2Client against EC2's XML, reached through AWS_ENDPOINT_URL_EC2.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class Ec2WireTests
{
    [Fact]
    public async Task Resolution_follows_next_token_and_picks_the_running_instance_from_the_second_page()
    {
        using var environment = new EnvironmentScope();
        environment.UseStaticKeys("eu-west-1");
        await using var endpoint = await FakeAwsEndpoint.StartAsync(request => request.Body.Contains("NextToken=page-2", StringComparison.Ordinal)
            ? FakeResponse.Xml(DescribeInstancesXml(nextToken: null, InstanceXml("i-0aaaaaaaaaaaaaaa2", "running", "10.0.1.7", "eu-west-1b")))
            : FakeResponse.Xml(DescribeInstancesXml(nextToken: "page-2", InstanceXml("i-0aaaaaaaaaaaaaaa1", "stopped", "10.0.1.6", "eu-west-1a"))));
        environment.Set("AWS_ENDPOINT_URL_EC2", endpoint.Url.ToString());
        using var scopes = new AwsScopes();
        var scope = await scopes.GetAsync(profile: null, region: null, CancellationToken.None);

        var instance = await scope.Instances.ResolveAsync("web-1", CancellationToken.None);

        Assert.Equal(
            new Ec2Instance
            {
                InstanceId = "i-0aaaaaaaaaaaaaaa2",
                Name = "web-1",
                State = Ec2InstanceState.Running,
                AvailabilityZone = "eu-west-1b",
                VpcId = "vpc-0123",
                SubnetId = "subnet-0456",
                PrivateIpAddress = "10.0.1.7",
                PublicIpAddress = "54.170.1.2",
                Ipv6Address = "2a05:d018::7",
                PrivateDnsName = "ip-10-0-1-7.eu-west-1.compute.internal",
                PublicDnsName = "ec2-54-170-1-2.eu-west-1.compute.amazonaws.com",
                ImageId = "ami-0abc",
                PlatformDetails = "Linux/UNIX",
                LaunchTime = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero),
                OwnerAccountId = "123456789012",
                SecurityGroupIds = instance.SecurityGroupIds,
            },
            instance);
        Assert.Equal(["sg-0789"], instance.SecurityGroupIds);
        var requests = endpoint.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, request =>
        {
            var form = WebUtility.UrlDecode(request.Body);
            Assert.Contains("Action=DescribeInstances", form, StringComparison.Ordinal);
            Assert.Contains("Filter.1.Name=tag:Name", form, StringComparison.Ordinal);
            Assert.Contains("Filter.1.Value.1=web-1", form, StringComparison.Ordinal);
            Assert.Contains("/eu-west-1/ec2/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Unauthorized_describe_names_the_missing_permission_and_region()
    {
        using var environment = new EnvironmentScope();
        environment.UseStaticKeys("ap-southeast-2");
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_ => new FakeResponse(
            403,
            "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>r-1</RequestID></Response>",
            "text/xml"));
        environment.Set("AWS_ENDPOINT_URL", endpoint.Url.ToString());
        using var scopes = new AwsScopes();
        var scope = await scopes.GetAsync(profile: null, region: null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<EicAwsException>(() => scope.Instances.ResolveAsync("i-0123456789abcdef0", CancellationToken.None));

        Assert.Equal(EicAwsErrorKind.AccessDenied, error.Kind);
        Assert.StartsWith("access denied: the caller needs ec2:DescribeInstances in ap-southeast-2, default credentials", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_credentials_say_how_to_renew_them()
    {
        using var environment = new EnvironmentScope();
        environment.UseStaticKeys("eu-west-1");
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_ => new FakeResponse(
            400,
            "<Response><Errors><Error><Code>RequestExpired</Code><Message>Request has expired.</Message></Error></Errors><RequestID>r-2</RequestID></Response>",
            "text/xml"));
        environment.Set("AWS_ENDPOINT_URL_EC2", endpoint.Url.ToString());
        using var scopes = new AwsScopes();
        var scope = await scopes.GetAsync(profile: null, region: null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<EicAwsException>(() => scope.Instances.ResolveAsync("web-1", CancellationToken.None));

        Assert.Equal(EicAwsErrorKind.InvalidCredentials, error.Kind);
        Assert.StartsWith("AWS rejected the credentials of eu-west-1, default credentials (RequestExpired): renew them", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Security_groups_come_back_with_every_kind_of_inbound_source_including_prefix_lists()
    {
        using var environment = new EnvironmentScope();
        environment.UseStaticKeys("eu-west-1");
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Xml("""
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
              <requestId>r-3</requestId>
              <securityGroupInfo>
                <item>
                  <ownerId>123456789012</ownerId><groupId>sg-0789</groupId><groupName>web</groupName><groupDescription>web</groupDescription><vpcId>vpc-0123</vpcId>
                  <ipPermissions>
                    <item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort>
                      <groups><item><userId>123456789012</userId><groupId>sg-0e1ce</groupId></item></groups>
                      <ipRanges><item><cidrIp>203.0.113.0/24</cidrIp></item></ipRanges>
                      <ipv6Ranges><item><cidrIpv6>2001:db8::/32</cidrIpv6></item></ipv6Ranges>
                      <prefixListIds><item><prefixListId>pl-0123456789abcdef0</prefixListId></item></prefixListIds>
                    </item>
                    <item><ipProtocol>-1</ipProtocol><groups/><ipRanges><item><cidrIp>10.0.0.0/16</cidrIp></item></ipRanges></item>
                  </ipPermissions>
                  <ipPermissionsEgress/>
                </item>
              </securityGroupInfo>
            </DescribeSecurityGroupsResponse>
            """));
        environment.Set("AWS_ENDPOINT_URL_EC2", endpoint.Url.ToString());
        using var scopes = new AwsScopes();
        var scope = await scopes.GetAsync(profile: null, region: null, CancellationToken.None);
        var instance = new Ec2Instance { InstanceId = "i-0aaaaaaaaaaaaaaa2", State = Ec2InstanceState.Running, SecurityGroupIds = ["sg-0789"] };

        var groups = await InstanceDiagnostics.SecurityGroupsAsync(scope, instance, CancellationToken.None);

        var group = Assert.Single(groups);
        Assert.Equal(("sg-0789", "web"), (group.GroupId, group.GroupName));
        Assert.Equal(("tcp", 22, 22), (group.Inbound[0].Protocol, group.Inbound[0].FromPort, group.Inbound[0].ToPort));
        Assert.Equal(["203.0.113.0/24", "2001:db8::/32", "pl-0123456789abcdef0"], group.Inbound[0].AddressRanges);
        Assert.Equal(["sg-0e1ce"], group.Inbound[0].SourceGroupIds);
        Assert.Equal(("-1", (int?)null, (int?)null), (group.Inbound[1].Protocol, group.Inbound[1].FromPort, group.Inbound[1].ToPort));
        Assert.Contains("GroupId.1=sg-0789", WebUtility.UrlDecode(Assert.Single(endpoint.Requests).Body), StringComparison.Ordinal);
    }

    internal static string DescribeInstancesXml(string? nextToken, params string[] instances) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
          <requestId>8f7724cf-496f-496e-8fe3-example</requestId>
          <reservationSet>
            <item>
              <reservationId>r-0123</reservationId>
              <ownerId>123456789012</ownerId>
              <instancesSet>{string.Concat(instances)}</instancesSet>
            </item>
          </reservationSet>
          {(nextToken is null ? string.Empty : $"<nextToken>{nextToken}</nextToken>")}
        </DescribeInstancesResponse>
        """;

    internal static string InstanceXml(string id, string state, string privateIp, string zone) => $"""
        <item>
          <instanceId>{id}</instanceId>
          <imageId>ami-0abc</imageId>
          <instanceState><code>16</code><name>{state}</name></instanceState>
          <privateDnsName>ip-{privateIp.Replace('.', '-')}.eu-west-1.compute.internal</privateDnsName>
          <dnsName>ec2-54-170-1-2.eu-west-1.compute.amazonaws.com</dnsName>
          <launchTime>2024-05-01T10:00:00.000Z</launchTime>
          <placement><availabilityZone>{zone}</availabilityZone></placement>
          <subnetId>subnet-0456</subnetId>
          <vpcId>vpc-0123</vpcId>
          <groupSet><item><groupId>sg-0789</groupId><groupName>web</groupName></item></groupSet>
          <privateIpAddress>{privateIp}</privateIpAddress>
          <ipAddress>54.170.1.2</ipAddress>
          <ipv6Address>2a05:d018::7</ipv6Address>
          <platformDetails>Linux/UNIX</platformDetails>
          <tagSet><item><key>Name</key><value>web-1</value></item></tagSet>
        </item>
        """;
}
