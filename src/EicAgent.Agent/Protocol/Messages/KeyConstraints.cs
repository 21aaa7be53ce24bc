namespace EicAgent.Agent.Protocol.Messages;

/// <summary>
/// The constraints of ADD_ID_CONSTRAINED. We honour a lifetime; confirmation needs a person to ask, which a
/// background agent does not have, so it is reported for refusal, as is anything we do not know.
/// </summary>
public sealed record KeyConstraints(uint? LifetimeSeconds, bool Confirm, IReadOnlyList<string> Unsupported)
{
    public const byte Lifetime = 1;
    public const byte ConfirmEachUse = 2;
    public const byte MaxSignatures = 3;
    public const byte Extension = 255;

    public static KeyConstraints None { get; } = new(null, false, []);

    public bool IsEmpty => LifetimeSeconds is null && !Confirm && Unsupported.Count == 0;

    /*
     * zero or more, until the end of the message:
     *   byte    constraint type
     *   1 lifetime:  uint32 seconds
     *   2 confirm:   nothing
     *   3 maxsign:   uint32 signatures
     *   255 extension: string name; extension-specific data
     */
    public static KeyConstraints Read(ref SshReader reader)
    {
        uint? lifetime = null;
        var confirm = false;
        var unsupported = new List<string>();
        while (!reader.AtEnd)
        {
            var type = reader.ReadByte();
            switch (type)
            {
                case Lifetime:
                    lifetime = reader.ReadUInt32();
                    break;
                case ConfirmEachUse:
                    confirm = true;
                    break;
                case MaxSignatures:
                    reader.ReadUInt32();
                    unsupported.Add("maxsign");
                    break;
                case Extension:
                    // The extension's data has no length of its own: nothing after it can be read.
                    unsupported.Add(reader.ReadUtf8String());
                    reader.ReadRest();
                    break;
                default:
                    unsupported.Add($"constraint {type}");
                    reader.ReadRest();
                    break;
            }
        }

        return new KeyConstraints(lifetime, confirm, unsupported);
    }

    public void WriteTo(SshWriter writer)
    {
        if (LifetimeSeconds is { } seconds)
        {
            writer.WriteByte(Lifetime);
            writer.WriteUInt32(seconds);
        }

        if (Confirm)
        {
            writer.WriteByte(ConfirmEachUse);
        }

        foreach (var name in Unsupported)
        {
            writer.WriteByte(Extension);
            writer.WriteString(name);
        }
    }
}
