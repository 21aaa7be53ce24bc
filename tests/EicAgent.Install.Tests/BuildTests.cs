using EicAgent.Testing;

namespace EicAgent.Install.Tests;

/// <summary>`./install` without --from builds eic itself: Native AOT where it can, framework-dependent otherwise.</summary>
public sealed class BuildTests
{
    [SkippableFact]
    public async Task Falls_back_to_a_framework_dependent_eic_with_a_note_when_the_native_build_fails()
    {
        using var sandbox = InstallSandbox.Create();
        FakeDotnet(sandbox, nativeBuild: "echo 'clang : error : linker exploded [/src/Eic/Eic.csproj]'; exit 1");

        var result = await sandbox.RunAsync("sh", ["-y", "--prefix", sandbox.Prefix]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("building a framework-dependent eic instead", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("install: built eic (framework-dependent)", result.StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(sandbox.InstalledLibrary, "eic.dll")));
        Assert.True(File.Exists(sandbox.EicConfig));
    }

    [SkippableFact]
    public async Task A_build_that_fails_both_ways_is_one_error_line_and_nothing_written()
    {
        using var sandbox = InstallSandbox.Create();
        FakeDotnet(sandbox, nativeBuild: "exit 1", frameworkBuild: "echo '/src/Eic/Program.cs(3,1): error CS1002: ; expected [/src/Eic/Eic.csproj]'; exit 1");

        var result = await sandbox.RunAsync("sh", ["-y", "--prefix", sandbox.Prefix]);

        Assert.Equal(1, result.ExitCode);
        var log = Path.Combine(sandbox.Temporary, "eic-install-build.log");
        Assert.Equal($"install: error: dotnet publish failed: error: CS1002: ; expected (log: {log})\n", result.StandardError);
        Assert.Empty(Directory.EnumerateFileSystemEntries(sandbox.Home));
        Assert.Contains("error CS1002", File.ReadAllText(log), StringComparison.Ordinal);
    }

    /// <summary>The real thing: dotnet publish with Native AOT, from a copy of this checkout's sources.</summary>
    [SkippableFact]
    [Trait("Category", "Slow")]
    public async Task Builds_and_installs_a_native_eic()
    {
        Skip.If(!new[] { "clang", "gcc" }.Any(Programs.IsInstalled), "no C compiler for Native AOT (apt-get install clang)");
        using var sandbox = InstallSandbox.Create();
        var checkout = Path.Combine(sandbox.Temporary, "checkout");
        CopySources(Checkout.Root, checkout);
        var environment = new Dictionary<string, string?>(sandbox.Environment)
        {
            // The packages this machine already restored, rather than a download into the sandbox's empty HOME.
            ["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        };

        var result = await ProcessRunner.RunAsync(
            "sh", [Path.Combine(checkout, "install"), "-y", "--prefix", sandbox.Prefix], environment, timeout: TimeSpan.FromMinutes(10));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("install: built eic with Native AOT", result.StandardOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(sandbox.InstalledLibrary, "eic.dll")), "a native eic has no eic.dll beside it");
        Assert.Empty(Directory.EnumerateFiles(sandbox.InstalledLibrary, "*.dbg"));
        var help = await sandbox.RunProgramAsync(sandbox.InstalledEic, "--help");
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains($"ProxyCommand '{sandbox.InstalledEic}' proxy", File.ReadAllText(sandbox.EicConfig), StringComparison.Ordinal);
    }

    /// <summary>
    /// A dotnet whose `publish` runs NATIVEBUILD for -p:PublishAot=true and FRAMEWORKBUILD otherwise; by default
    /// the framework-dependent build "produces" the eic this test project was built with.
    /// </summary>
    private static void FakeDotnet(InstallSandbox sandbox, string nativeBuild, string? frameworkBuild = null)
    {
        frameworkBuild ??= $"""
            out=; previous=
            for argument; do [ "$previous" = -o ] && out=$argument; previous=$argument; done
            mkdir -p "$out" && cp -R '{Checkout.BuiltEic}.' "$out"
            """;
        sandbox.Fake("dotnet", $"""
            case "$*" in
              *-p:PublishAot=true*) {nativeBuild} ;;
            esac
            {frameworkBuild}
            """);
    }

    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        // The top-level files (install, global.json, Directory.*.props, ...) and src/ without build output.
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(from, "src"), "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }
}
