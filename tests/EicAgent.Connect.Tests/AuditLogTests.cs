using EicAgent.Cli.Audit;
using EicAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EicAgent.Connect.Tests;

/// <summary>The audit writer and reader on their own: whole lines under concurrency, a faithful round trip, and the file's place.</summary>
public sealed class AuditLogTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("eic-audit-");

    [Fact]
    public async Task Concurrent_writers_never_interleave_lines()
    {
        var log = new AuditLog(_directory.Combine("state/eic/audit.jsonl"), TimeProvider.System, NullLogger<AuditLog>.Instance);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                log.Append(Entry($"{writer}-{i}") with { Reason = new string('x', 500) });
            }
        })));

        using var reader = new AuditReader(log.Path);
        var entries = reader.ReadNew().Select(AuditJson.Parse).ToList();
        Assert.Equal(1600, entries.Count);
        Assert.All(entries, Assert.NotNull);
        Assert.Equal(1600, entries.Select(e => e!.ConnectionId).Distinct().Count());
    }

    [Fact]
    public void An_entry_survives_the_round_trip_through_its_json_line()
    {
        var entry = Entry("4242-7") with { DurationSeconds = 12.5, Reason = "denied \"quoted\"\nnewline" };

        var line = System.Text.Encoding.UTF8.GetString(AuditJson.ToLine(entry));

        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(entry, AuditJson.Parse(line.TrimEnd('\n')));
        Assert.Null(AuditJson.Parse("{\"time\":\"2026-11-24T14:00:00Z\",\"event\":\"pu"));
    }

    [Fact]
    public void The_reader_waits_for_a_line_to_be_complete()
    {
        var path = _directory.Combine("audit.jsonl");
        File.WriteAllText(path, "{\"a\":1}\n{\"b\":");
        using var reader = new AuditReader(path);

        Assert.Equal(["{\"a\":1}"], reader.ReadNew());
        File.AppendAllText(path, "2}\n");
        Assert.Equal(["{\"b\":2}"], reader.ReadNew());
    }

    public void Dispose() => _directory.Dispose();

    private static AuditEntry Entry(string connection) => new()
    {
        Time = new DateTimeOffset(2026, 11, 24, 14, 0, 0, 123, TimeSpan.Zero),
        Event = AuditEntry.PushEvent,
        ConnectionId = connection,
        Target = "web-1.eic",
        InstanceId = "i-0a1b2c3d4e5f00001",
        Region = "us-east-1",
        Profile = "default",
        OsUser = "ec2-user",
        Fingerprint = "SHA256:abc",
        RequestId = "req-1",
        Result = AuditEntry.FailedResult,
        SshProcessId = 1234,
    };
}
