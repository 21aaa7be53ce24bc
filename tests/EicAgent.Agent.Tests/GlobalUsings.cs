global using Xunit;

// These tests drive the real OpenSSH tools over Unix sockets; the Windows pipe listener is compile-only here.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
