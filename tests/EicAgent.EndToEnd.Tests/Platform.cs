using System.Runtime.Versioning;

// The simulator runs real sshd instances: these tests run where OpenSSH's server does.
[assembly: UnsupportedOSPlatform("windows")]
