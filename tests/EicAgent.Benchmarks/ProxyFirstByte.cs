using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EicAgent.Testing;

namespace EicAgent.Benchmarks;

/// <summary>
/// `eic proxy` from process start to the first relayed byte on its stdout, against a tiny TCP server on an
/// instance's address that greets every connection with a banner; and `eic --help` start to exit. The agent mints
/// keys only for a ProxyCommand whose parent runs an executable named ssh, and ssh starts its ProxyCommand
/// through `$SHELL -c`: here a copy of /bin/sh named ssh is that parent, so the proxy's stdout is still ours to
/// read. That sh's start (about a millisecond) is in the figure.
/// </summary>
internal static class ProxyFirstByte
{
    private static readonly byte[] Banner = Encoding.ASCII.GetBytes("SSH-2.0-bench\r\n");

    public static async Task<(Samples FirstByte, Samples Help)> MeasureAsync(BenchWorld world)
    {
        var address = IPAddress.Parse(world.Sim.Instance("web-2").PublicIpAddress!);
        using var listener = new TcpListener(address, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var server = GreetAsync(listener, stop.Token);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var firstByte = new Samples();
        var help = new Samples();
        await world.Agent.StartAsync();
        try
        {
            // One unmeasured run resolves web-2 in the agent, as any earlier ssh to it would have.
            await TimeFirstByteAsync(world, port);
            for (var i = 0; i < world.Options.Runs; i++)
            {
                if (await TimeFirstByteAsync(world, port) is { } elapsed)
                {
                    firstByte.Add(elapsed);
                }
                else
                {
                    firstByte.AddFailure();
                }

                help.Record(await world.TimeAsync(world.Options.EicPath, "--help"), "eic --help");
            }
        }
        finally
        {
            await stop.CancelAsync();
            listener.Stop();
            await server;
            await world.Agent.StopAsync();
        }

        return (firstByte, help);
    }

    private static async Task<TimeSpan?> TimeFirstByteAsync(BenchWorld world, int port)
    {
        // "; exit $?" keeps sh from exec'ing the proxy in its place: sh stays the proxy's parent.
        var startInfo = new ProcessStartInfo(
            ShellNamedSsh(world),
            ["-c", "\"$0\" \"$@\"; exit $?", world.Options.EicPath, "proxy", "--socket", world.Agent.SocketPath, "web-2.eic", $"{port}", BenchWorld.OsUser])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in world.Environment)
        {
            if (value is not null)
            {
                startInfo.Environment[name] = value;
            }
        }

        var clock = Stopwatch.StartNew();
        using var proxy = Process.Start(startInfo)!;
        var stderr = proxy.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[1];
        try
        {
            var read = await proxy.StandardOutput.BaseStream.ReadAsync(buffer, bound.Token);
            var elapsed = clock.Elapsed;
            if (read == 1)
            {
                return elapsed;
            }

            await Console.Error.WriteLineAsync($"eic proxy relayed nothing: {await stderr.WaitAsync(bound.Token)}");
            return null;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("eic proxy relayed no byte within 15 s");
            return null;
        }
        finally
        {
            proxy.Kill(entireProcessTree: true);
            await proxy.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task GreetAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var client = await listener.AcceptTcpClientAsync(stop);
                await client.GetStream().WriteAsync(Banner, stop);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private static string ShellNamedSsh(BenchWorld world)
    {
        var path = Path.Combine(world.Directory, "ssh-parent", "ssh");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Copy("/bin/sh", path);
        }

        return path;
    }
}
