using System.Runtime.Versioning;

// The instances are real OpenSSH sshd processes with Unix file modes: the simulator runs where they do.
[assembly: UnsupportedOSPlatform("windows")]
