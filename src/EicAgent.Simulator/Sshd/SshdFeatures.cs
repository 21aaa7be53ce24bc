namespace EicAgent.Simulator.Sshd;

/// <summary>What the installed sshd understands, asked once per process with `sshd -t` (a config test).</summary>
internal static class SshdFeatures
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool? _perSourcePenalties;

    /// <summary>Whether sshd knows PerSourcePenalties (OpenSSH 9.8+); the test needs a host key, made in <paramref name="scratch"/>.</summary>
    public static async Task<bool> HasPerSourcePenaltiesAsync(string scratch, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (_perSourcePenalties is null)
            {
                var directory = StateDirectories.CreatePrivate(scratch, "sshd-feature-test");
                var hostKey = await HostKey.GenerateAsync(directory, "feature-test", cancellationToken);
                var test = await ExternalCommand.RunAsync(
                    SshdProcess.Executable,
                    ["-t", "-f", "/dev/null", "-h", hostKey.PrivateKeyPath, "-o", "PerSourcePenalties=no"],
                    cancellationToken);
                _perSourcePenalties = test.ExitCode == 0;
                Directory.Delete(directory, recursive: true);
            }

            return _perSourcePenalties.Value;
        }
        finally
        {
            Gate.Release();
        }
    }
}
