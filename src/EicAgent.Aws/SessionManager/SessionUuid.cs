namespace EicAgent.Aws.SessionManager;

/// <summary>
/// A message id on the wire: the UUID's 16 bytes in RFC 4122 order, but with the low 8 bytes first and the high 8
/// bytes second (the service's Java origins wrote least- then most-significant long).
/// </summary>
public static class SessionUuid
{
    public static void Write(Guid id, Span<byte> destination)
    {
        Span<byte> canonical = stackalloc byte[16];
        id.TryWriteBytes(canonical, bigEndian: true, out _);
        canonical[8..].CopyTo(destination);
        canonical[..8].CopyTo(destination[8..]);
    }

    public static Guid Read(ReadOnlySpan<byte> source)
    {
        Span<byte> canonical = stackalloc byte[16];
        source[8..16].CopyTo(canonical);
        source[..8].CopyTo(canonical[8..]);
        return new Guid(canonical, bigEndian: true);
    }
}
