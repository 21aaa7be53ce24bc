using EicAgent.Aws.Paths;

namespace EicAgent.Aws.Tests;

public sealed class AutoRoutesTests
{
    [Fact]
    public void The_default_order_is_direct_then_the_endpoint_then_session_manager()
    {
        Assert.True(AutoRoutes.TryParse("", out var order));
        Assert.Equal([NetworkPath.Direct, NetworkPath.Eice, NetworkPath.Ssm], order);
    }

    [Fact]
    public void An_order_lists_paths_as_given_and_round_trips()
    {
        Assert.True(AutoRoutes.TryParse("ssm, direct", out var order));
        Assert.Equal([NetworkPath.Ssm, NetworkPath.Direct], order);
        Assert.Equal("ssm,direct", AutoRoutes.Name(order));
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("ssm,ssm")]
    [InlineData("direct,vpn")]
    [InlineData("direct,,ssm")]
    public void An_order_with_auto_a_repeat_or_an_unknown_path_is_refused(string text)
    {
        Assert.False(AutoRoutes.TryParse(text, out _));
    }
}
