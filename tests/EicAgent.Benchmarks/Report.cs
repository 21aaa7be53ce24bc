using System.Globalization;
using System.Text;

namespace EicAgent.Benchmarks;

/// <summary>The markdown that ./bench prints: one table per measurement, then the issue's targets, each met or not, with its figures.</summary>
internal sealed class Report
{
    private readonly StringBuilder _text = new();

    public void Line(string line = "") => _text.Append(line).Append('\n');

    public void Setup(IReadOnlyList<SetupRound> rounds)
    {
        Line("### Connection setup: `ssh HOST true` (ms, median / p95; ratio of medians to (a))");
        Line();
        Line("| AWS latency per call | runs | (a) plain ssh, static key already authorized | (a1) static key, ssh signs at once | (b) mssh sequence, fresh process | (c) eic, agent cold, by Name tag | (c) eic, agent cold, by instance id | (d) eic, agent warm |");
        Line("|---|---|---|---|---|---|---|---|");
        foreach (var round in rounds)
        {
            var floor = round.Floor.Median;
            Line(F($"| {round.LatencyMs} ms | {round.Runs} | {Cell(round.Floor, floor)} | {Cell(round.SigningFloor, floor)} | {Cell(round.Mssh, floor)} | {Cell(round.Cold, floor)} | {Cell(round.ColdById, floor)} | {Cell(round.Warm, floor)} |"));
        }

        Line();
        Line("### Key lookups per login (the instance's AuthorizedKeysCommand runs; an offer costs one more)");
        Line();
        Line("| AWS latency per call | (a) | (a1) | (b) | (c) by Name tag | (c) by instance id | (d) |");
        Line("|---|---|---|---|---|---|---|");
        foreach (var round in rounds)
        {
            var lookups = round.Lookups;
            Line($"| {round.LatencyMs} ms | {lookups.PerLogin("a")} | {lookups.PerLogin("a1")} | {lookups.PerLogin("b")} | {lookups.PerLogin("(c) eic cold")} | {lookups.PerLogin("(c) eic cold, by instance id")} | {lookups.PerLogin("d")} |");
        }

        Line();
        Line("### Where a warm connection's push goes (the agent's log of each (d) run; ms, medians)");
        Line();
        Line("| AWS latency per call | push (SendSSHPublicKey) | ssh asks for the key, after the mint (of a shared key: an earlier connection's) | ssh waits for the push | (d) adds to (a) |");
        Line("|---|---|---|---|---|");
        foreach (var round in rounds)
        {
            var push = PushFigures.Of(round.WarmOffers);
            Line(F($"| {round.LatencyMs} ms | {push.PushMs:0} | {push.HandshakeMs:0} | {push.WaitMs:0} | {round.Warm.Median - round.Floor.Median:0} |"));
        }

        Line();
    }

    public void Throughput(IReadOnlyList<ThroughputResult> results, int mebibytes)
    {
        Line(F($"### Throughput: `scp` of {mebibytes} MiB to web-1, and to db-1 through the endpoint and through Session Manager ({Benchmarks.Throughput.Rounds} interleaved rounds, latency 0)"));
        Line();
        Line("| path | median MiB/s | each round |");
        Line("|---|---|---|");
        foreach (var result in results)
        {
            var rounds = string.Join(", ", result.MiBPerSecond.Select(rate => rate.ToString("0", CultureInfo.InvariantCulture)));
            var failed = result.Failures > 0 ? F($" ({result.Failures} failed)") : "";
            Line(F($"| {result.Path} | {(result.Succeeded ? result.Median.ToString("0", CultureInfo.InvariantCulture) : "failed")} | {rounds}{failed} |"));
        }

        Line();
    }

    public void SsmChecksum(SsmChecksumResult result)
    {
        static string Rate(TimedResult run, int mib) => run.Succeeded ? F($"{mib / run.Elapsed.TotalSeconds:0} MiB/s ({run.Elapsed.TotalSeconds:0} s)") : "failed";
        Line(F($"### `scp` of {result.MiB} MiB through Session Manager (`--via ssm`), up to db-1 by id and back by name, SHA-256 checked"));
        Line();
        Line("| up | down | sha256 here | on the instance | of the copy back |");
        Line("|---|---|---|---|---|");
        Line(F($"| {Rate(result.Up, result.MiB)} | {Rate(result.Down, result.MiB)} | {result.Sent[..16]}... | {Same(result.OnInstance)} | {Same(result.Returned)} |"));
        Line();
        Line(result.Matches ? "All three checksums are equal." : "**The checksums differ or a step failed.**");
        Line();

        string Same(string? hash) => hash is null ? "failed" : hash == result.Sent ? "same" : F($"DIFFERENT ({hash[..16]}...)");
    }

    public void Startup(Samples firstByte, Samples help, Samples agentStart)
    {
        Line("### Start-up (AOT `eic`, latency 0)");
        Line();
        Line("| what | median | p95 | runs |");
        Line("|---|---|---|---|");
        Line(F($"| `eic proxy` start to first relayed byte (agent warm) | {firstByte.Median:0.0} ms | {firstByte.P95:0.0} ms | {Runs(firstByte)} |"));
        Line(F($"| `eic --help` start to exit | {help.Median:0.0} ms | {help.P95:0.0} ms | {Runs(help)} |"));
        Line(F($"| `eic agent` start to `listening` | {agentStart.Median:0.0} ms | {agentStart.P95:0.0} ms | {Runs(agentStart)} |"));
        Line();
    }

    public void Agent(BurstResult burst, SignatureResult signatures)
    {
        Line("### Burst and agent");
        Line();
        Line("| what | figure |");
        Line("|---|---|");
        BurstRows(burst);
        Line(F($"| agent signatures per second (Ed25519 key added with ssh-add, one connection) | {signatures.PerSecond:0} ({signatures.Count} in 3 s) |"));
        Line(F($"| agent idle RSS (fresh agent) | {signatures.IdleRssMiB:0.0} MiB |"));
        Line();
    }

    /// <summary>`--only burst`: the burst's rows alone.</summary>
    public void Burst(BurstResult burst)
    {
        Line("### Burst");
        Line();
        Line("| what | figure |");
        Line("|---|---|");
        BurstRows(burst);
        Line();
    }

    private void BurstRows(BurstResult burst)
    {
        var eic = burst.Eic.Setup;
        var staticKey = burst.StaticKey.Setup;
        var push = PushFigures.Of(burst.Offers);
        Line(F($"| {burst.Size} concurrent `ssh web-1.eic true`: succeeded | {eic.Count} of {burst.Size} |"));
        Line(F($"| ... failed / keys pushed per connection / keys live on the instance after / key lookups past 5 s | {burst.Size - eic.Count} / {(double)burst.Keys.Pushes / burst.Size:0.00} / {burst.Keys.LiveKeys} / {burst.Keys.LookupsPastLimit} |"));
        Line(F($"| ... setup time median / p95 | {eic.Median:0} / {eic.P95:0} ms |"));
        Line(F($"| ... per connection, from the agent's log: push / ssh asks for the key after / ssh waits (medians) | {push.PushMs:0} / {push.HandshakeMs:0} / {push.WaitMs:0} ms |"));
        Line(F($"| ... CPU time of the whole machine (clients, sshd, simulator, agent), per connection | {1000 * burst.Eic.CpuSeconds / burst.Size:0} ms |"));
        Line(F($"| the same burst with the static key (a): succeeded, median / p95 | {staticKey.Count} of {burst.Size}, {staticKey.Median:0} / {staticKey.P95:0} ms |"));
        Line(F($"| ... CPU time of the whole machine, per connection | {1000 * burst.StaticKey.CpuSeconds / burst.Size:0} ms |"));
        var nc = burst.StaticKeyThroughNc.Setup;
        Line(F($"| the same through `ProxyCommand nc %h %p`: succeeded, median / p95 | {nc.Count} of {burst.Size}, {nc.Median:0} / {nc.P95:0} ms |"));
        Line(F($"| ... CPU time of the whole machine, per connection | {1000 * burst.StaticKeyThroughNc.CpuSeconds / burst.Size:0} ms |"));
        Line(F($"| ... agent RSS after the burst / peak (VmHWM) | {burst.AgentRssMiB:0.0} / {burst.AgentPeakMiB:0.0} MiB |"));
    }

    public void Targets(IReadOnlyList<SetupRound> rounds, IReadOnlyList<ThroughputResult> throughput, Samples firstByte, BurstResult burst)
    {
        Line("### The issue's targets");
        Line();
        SetupTargets(rounds);
        var eic = throughput.FirstOrDefault(t => t.Path == "eic proxy");
        var nc = throughput.FirstOrDefault(t => t.Path.StartsWith("ProxyCommand nc", StringComparison.Ordinal));
        if (eic is { Succeeded: true } && nc is { Succeeded: true })
        {
            Target(eic.Median >= 0.95 * nc.Median, $"throughput through eic proxy {eic.Median / nc.Median:P0} of nc (medians), needed 95 %");
        }

        Target(firstByte.Median <= 20, $"eic proxy first byte {firstByte.Median:0.0} ms (median), needed 20 ms");
        var single = rounds.FirstOrDefault(r => r.LatencyMs == 0)?.Warm.Median ?? rounds[0].Warm.Median;
        var eicBurst = burst.Eic.Setup;
        Target(eicBurst.Count == burst.Size && eicBurst.P95 < 3 * single,
            $"burst {eicBurst.Count}/{burst.Size}, p95 {eicBurst.P95:0} ms vs 3 x single warm median {single:0} ms = {3 * single:0} ms (the static key's burst: p95 {burst.StaticKey.Setup.P95:0} ms vs 3 x {rounds[0].Floor.Median:0} ms)");
        Line();
    }

    /// <summary>The setup table's targets, each met or not, with its figures.</summary>
    public void SetupTargets(IReadOnlyList<SetupRound> rounds)
    {
        foreach (var round in rounds)
        {
            var push = PushFigures.Of(round.WarmOffers);
            var added = round.Warm.Median - round.Floor.Median;
            var allowed = Math.Max(0, push.PushMs - push.HandshakeMs) + 15;
            Target(added <= allowed, $"latency {round.LatencyMs} ms: warm eic adds {added:0} ms to (a), allowed max(0, push {push.PushMs:0} - handshake {push.HandshakeMs:0}) + 15 = {allowed:0} ms");
            foreach (var (cold, by) in new[] { (round.Cold, "Name tag"), (round.ColdById, "instance id") })
            {
                var coldExtra = cold.Median - round.Warm.Median;
                Target(coldExtra <= 150, $"latency {round.LatencyMs} ms: cold by {by} adds {coldExtra:0} ms to warm, allowed one agent start, under 150 ms");
            }

            Target(round.Warm.Median < round.Mssh.Median, $"latency {round.LatencyMs} ms: warm eic {round.Warm.Median:0} ms vs (b) {round.Mssh.Median:0} ms");
            var aboveSigningFloor = round.Warm.Median - round.SigningFloor.Median;
            Target(aboveSigningFloor <= 15, $"latency {round.LatencyMs} ms: warm eic within 15 ms of (a1), the static key that signs at once: {aboveSigningFloor:0} ms, {round.Lookups.PerLogin("d")} key lookup(s) per login");
        }
    }

    public override string ToString() => _text.ToString();

    private void Target(bool met, string figures) => Line($"- {(met ? "met" : "**NOT met**")}: {figures}");

    private static string Cell(Samples samples, double floor)
    {
        var failures = samples.Failures > 0 ? F($", {samples.Failures} failed") : "";
        return samples.Count == 0 ? $"all failed{failures}" : F($"{samples.Median:0} / {samples.P95:0} (x{samples.Median / floor:0.00}){failures}");
    }

    private static string Runs(Samples samples) => samples.Failures > 0 ? F($"{samples.Count} ({samples.Failures} failed)") : F($"{samples.Count}");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
