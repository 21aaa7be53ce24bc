using System.Runtime.Versioning;

// The simulator runs real sshd instances: these tests run where it does.
[assembly: UnsupportedOSPlatform("windows")]
