using System.Runtime.Versioning;

// The benchmarks drive the simulator (real sshd instances) and /proc: Linux and macOS only.
[assembly: UnsupportedOSPlatform("windows")]
