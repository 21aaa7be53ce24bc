using System.Runtime.Versioning;

// These tests drive the POSIX ./install and check Unix file modes; install.ps1 cannot be run here.
[assembly: UnsupportedOSPlatform("windows")]
