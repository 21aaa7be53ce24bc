using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// `eic log --follow --json` running beside a test: every audit line, old ones first, then new ones as they come,
/// so a test awaits the line it expects instead of polling the file.
/// </summary>
internal sealed class AuditFollower : IAsyncDisposable
{
    private readonly Process _process;

    private AuditFollower(Process process) => _process = process;

    public static AuditFollower Start(EicWorld world)
    {
        return new AuditFollower(Process.Start(world.StartInfo(EicWorld.EicPath, ["log", "--follow", "--json", "-n", "100000"]))!);
    }

    /// <summary>The next line (skipping others) for which <paramref name="match"/> holds; fails after 30 s.</summary>
    public async Task<JsonElement> NextAsync(Func<JsonElement, bool> match, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var entry = JsonDocument.Parse(line).RootElement.Clone();
            if (match(entry))
            {
                return entry;
            }
        }

        Assert.Fail($"eic log --follow ended before {what}: {await _process.StandardError.ReadToEndAsync()}");
        return default;
    }

    /// <summary>Ctrl-C, as a user stops it; returns its exit code.</summary>
    public async Task<int> InterruptAsync()
    {
        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
