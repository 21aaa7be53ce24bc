using System.Diagnostics;
using System.Net;
using Amazon.EC2.Model;
using Xunit;

namespace EicAgent.Simulator.Tests;

/// <summary>Injected latency and throttling, and the real SDK's retries through them.</summary>
public sealed class FaultInjectionTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>, IDisposable
{
    private Simulator Sim => fixture.Simulator;

    public void Dispose() => Sim.Faults.Reset();

    [Fact]
    public async Task Latency_delays_the_answers_of_that_service_only()
    {
        using var ec2 = fixture.Ec2();
        using var key = await SshClientKey.CreateAsync();
        Sim.Faults[AwsService.Ec2].Latency = TimeSpan.FromMilliseconds(150);

        var slow = Stopwatch.StartNew();
        await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [Sim.Instance("web-1").InstanceId] });
        slow.Stop();

        Assert.True(slow.Elapsed >= TimeSpan.FromMilliseconds(150), $"DescribeInstances took {slow.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(TimeSpan.Zero, Sim.Faults[AwsService.InstanceConnect].Latency);
    }

    [Fact]
    public async Task The_SDK_retries_through_throttling_of_the_next_calls()
    {
        using var ec2 = fixture.Ec2();
        var before = Sim.Requests.Count;
        Sim.Faults[AwsService.Ec2].ThrottleNext(2);

        var response = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest());

        Assert.Equal(Sim.Instances.Count, response.Reservations.Count);
        var calls = Sim.Requests.Skip(before).Where(r => r.Service == AwsService.Ec2).ToArray();
        Assert.Equal(["RequestLimitExceeded", "RequestLimitExceeded", null], calls.Select(c => c.ErrorCode));
        Assert.Equal([503, 503, 200], calls.Select(c => c.StatusCode));
    }

    [Fact]
    public async Task Instance_Connect_throttling_answers_429_ThrottlingException()
    {
        using var key = await SshClientKey.CreateAsync();
        var web1 = Sim.Instance("web-1").InstanceId;
        Sim.Faults[AwsService.InstanceConnect].ThrottleNext(1);

        var throttled = await fixture.InstanceConnect.SendSshPublicKeyAsync(web1, "ec2-user", key.PublicKey, Sim.Caller);
        var next = await fixture.InstanceConnect.SendSshPublicKeyAsync(web1, "ec2-user", key.PublicKey, Sim.Caller);

        Assert.Equal((HttpStatusCode)429, throttled.Status);
        Assert.Equal("com.amazonaws.ec2.instanceconnect#ThrottlingException", throttled.Json.GetProperty("__type").GetString());
        Assert.Equal(HttpStatusCode.OK, next.Status);
    }

    [Fact]
    public async Task A_rate_limit_throttles_bursts_and_refills_with_the_simulators_clock()
    {
        using var key = await SshClientKey.CreateAsync();
        var web1 = Sim.Instance("web-1").InstanceId;
        Sim.Faults[AwsService.InstanceConnect].LimitRate(callsPerSecond: 1, burst: 2);

        var burst = new List<HttpStatusCode>();
        for (var call = 0; call < 3; call++)
        {
            burst.Add((await fixture.InstanceConnect.SendSshPublicKeyAsync(web1, "ec2-user", key.PublicKey, Sim.Caller)).Status);
        }

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterASecond = await fixture.InstanceConnect.SendSshPublicKeyAsync(web1, "ec2-user", key.PublicKey, Sim.Caller);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], burst);
        Assert.Equal(HttpStatusCode.OK, afterASecond.Status);
    }
}
