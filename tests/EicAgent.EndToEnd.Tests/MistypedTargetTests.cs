using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>What `ssh` shows for a target that names no instance: a mistyped id is called one, and the closest ids and Names are offered.</summary>
[Collection(EicWorldCollection.Name)]
public sealed class MistypedTargetTests(EicWorld world)
{
    [Fact]
    public async Task An_id_with_a_digit_missing_is_called_a_mistyped_id_with_the_one_it_was_probably_meant_to_be()
    {
        var web1 = world.Sim.Instance("web-1").InstanceId;
        var mistyped = web1.Remove(web1.Length - 2, 1);

        var result = await world.SshAsync(mistyped, "true");

        Assert.Equal(255, result.ExitCode);
        var first = result.StandardError.ReplaceLineEndings("\n").Split('\n')[0];
        Assert.True(first.StartsWith($"eic: Name tag '{mistyped}' not found in ", StringComparison.Ordinal), result.ToString());
        Assert.Contains($"'{mistyped}' looks like a mistyped instance id: an id is i- and 17 hex digits (or 8 for old ones), this has 16", first, StringComparison.Ordinal);
        Assert.Contains($"did you mean {web1} (web-1)", first, StringComparison.Ordinal);
        Assert.EndsWith("?; `eic ls` lists the instances", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_name_is_offered_the_closest_names()
    {
        var result = await world.SshAsync("wbe-1.eic", "true");

        Assert.Equal(255, result.ExitCode);
        var first = result.StandardError.ReplaceLineEndings("\n").Split('\n')[0];
        Assert.True(first.StartsWith("eic: Name tag 'wbe-1' not found in ", StringComparison.Ordinal), result.ToString());
        Assert.True(first.Contains("did you mean web-1 or ", StringComparison.Ordinal), result.ToString());
    }
}
