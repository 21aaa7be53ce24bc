using Xunit;

namespace EicAgent.Simulator.Tests;

public sealed class WildcardTests
{
    [Theory]
    [InlineData("web-*", "web-1", true)]
    [InlineData("web-*", "web-", true)]
    [InlineData("web-*", "WEB-1", false)]
    [InlineData("*-1", "web-1", true)]
    [InlineData("w?b-1", "web-1", true)]
    [InlineData("w?b-1", "wb-1", false)]
    [InlineData("*", "", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData(@"web\*", "web*", true)]
    [InlineData(@"web\*", "web-1", false)]
    [InlineData(@"what\?", "what?", true)]
    [InlineData(@"what\?", "whatx", false)]
    [InlineData(@"w\*1", "web-1", false)]
    [InlineData(@"w\*1", "w*1", true)]
    [InlineData(@"a\\b", @"a\b", true)]
    [InlineData(@"a\\*", @"a\xyz", true)]
    [InlineData(@"a\\*", "axyz", false)]
    [InlineData("exact", "exact", true)]
    [InlineData("exact", "exactly", false)]
    public void Patterns_match_as_EC2_filter_values_do(string pattern, string value, bool matches) =>
        Assert.Equal(matches, Wildcard.IsMatch(pattern, value));
}
