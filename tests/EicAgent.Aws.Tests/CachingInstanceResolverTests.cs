using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.Tests.Fakes;

namespace EicAgent.Aws.Tests;

public sealed class CachingInstanceResolverTests
{
    private static readonly AwsScopeInfo Scope = new("prod", "eu-west-1");
    private readonly ManualTimeProvider _time = new();
    private readonly FakeEc2Api _ec2 = new(InstanceResolverTests.Running("i-00000001", "web", "10.0.0.1"));

    [Fact]
    public async Task A_target_is_looked_up_once_within_the_time_to_live_and_again_after_it()
    {
        var resolver = Create(TimeSpan.FromSeconds(60));

        await resolver.ResolveAsync("web", CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(59));
        await resolver.ResolveAsync("web", CancellationToken.None);
        Assert.Single(_ec2.Calls);

        _time.Advance(TimeSpan.FromSeconds(1));
        await resolver.ResolveAsync("web", CancellationToken.None);
        Assert.Equal(2, _ec2.Calls.Count);
    }

    [Fact]
    public async Task Invalidate_forgets_one_target_only()
    {
        var resolver = Create(TimeSpan.FromSeconds(60));
        await resolver.ResolveAsync("web", CancellationToken.None);
        await resolver.ResolveAsync("i-00000001", CancellationToken.None);

        resolver.Invalidate("web");
        await resolver.ResolveAsync("web", CancellationToken.None);
        await resolver.ResolveAsync("i-00000001", CancellationToken.None);

        Assert.Equal(["tag:Name", "instance-id", "tag:Name"], _ec2.Calls.Select(call => call.Single().Name));
    }

    [Fact]
    public async Task Failures_are_not_remembered()
    {
        var resolver = Create(TimeSpan.FromSeconds(60));

        await Assert.ThrowsAsync<EicAwsException>(() => resolver.ResolveAsync("i-0000000000000dead", CancellationToken.None));
        await Assert.ThrowsAsync<EicAwsException>(() => resolver.ResolveAsync("i-0000000000000dead", CancellationToken.None));

        // Each failure also lists the region once (no filter) for its "did you mean": that is not a lookup.
        Assert.Equal(2, _ec2.Calls.Count(call => call.Count > 0));
    }

    [Fact]
    public async Task Concurrent_lookups_of_one_target_share_one_call()
    {
        var gate = new TaskCompletionSource();
        var slow = new GatedResolver(new InstanceResolver(_ec2, Scope), gate.Task);
        var resolver = new CachingInstanceResolver(slow, TimeSpan.FromSeconds(60), _time);

        var lookups = Enumerable.Range(0, 8).Select(_ => resolver.ResolveAsync("web", CancellationToken.None)).ToList();
        gate.SetResult();
        var instances = await Task.WhenAll(lookups);

        Assert.All(instances, instance => Assert.Equal("i-00000001", instance.InstanceId));
        Assert.Equal(1, slow.Calls);
    }

    [Fact]
    public async Task A_caller_that_gives_up_leaves_the_shared_lookup_to_the_next()
    {
        var gate = new TaskCompletionSource();
        var slow = new GatedResolver(new InstanceResolver(_ec2, Scope), gate.Task);
        var resolver = new CachingInstanceResolver(slow, TimeSpan.FromSeconds(60), _time);
        using var givingUp = new CancellationTokenSource();

        var first = resolver.ResolveAsync("web", givingUp.Token);
        await givingUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        var second = resolver.ResolveAsync("web", CancellationToken.None);
        gate.SetResult();

        Assert.Equal("i-00000001", (await second).InstanceId);
        Assert.Equal(1, slow.Calls);
    }

    private CachingInstanceResolver Create(TimeSpan timeToLive) => new(new InstanceResolver(_ec2, Scope), timeToLive, _time);

    private sealed class GatedResolver(IInstanceResolver inner, Task gate) : IInstanceResolver
    {
        private int _calls;

        public int Calls => _calls;

        public async Task<Ec2Instance> ResolveAsync(string target, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            await gate;
            return await inner.ResolveAsync(target, cancellationToken);
        }

        public void Invalidate(string target) => inner.Invalidate(target);
    }
}
