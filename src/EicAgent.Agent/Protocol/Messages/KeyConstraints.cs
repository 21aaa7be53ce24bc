namespace EicAgent.Agent.Protocol.Messages;

/// <summary>
/// The constraints of ADD_ID_CONSTRAINED: a lifetime, confirmation on each use, destinations (`ssh-add -h`);
/// anything else is reported so the add can be refused with its name.
/// </summary>
public sealed record KeyConstraints(uint? LifetimeSeconds, bool Confirm, IReadOnlyList<string> Unsupported)
{
    public const byte Lifetime = 1;
    public const byte ConfirmEachUse = 2;
    public const byte MaxSignatures = 3;
    public const byte Extension = 255;

    public static KeyConstraints None { get; } = new(null, false, []);

    /// <summary>Where the key may be used; empty for anywhere.</summary>
    public IReadOnlyList<DestinationConstraint> Destinations { get; init; } = [];

    public bool IsEmpty => LifetimeSeconds is null && !Confirm && Unsupported.Count == 0 && Destinations.Count == 0;

    /*
     * zero or more, until the end of the message:
     *   byte    constraint type
     *   1 lifetime:  uint32 seconds
     *   2 confirm:   nothing
     *   3 maxsign:   uint32 signatures
     *   255 extension: string name; extension-specific data (a string for OpenSSH's own)
     */
    public static KeyConstraints Read(ref SshReader reader)
    {
        uint? lifetime = null;
        var confirm = false;
        var unsupported = new List<string>();
        IReadOnlyList<DestinationConstraint> destinations = [];
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
                    var name = reader.ReadUtf8String();
                    if (name == DestinationConstraint.ExtensionName)
                    {
                        destinations = DestinationConstraint.ReadAll(reader.ReadString());
                        break;
                    }

                    // Unknown extension data has no length we can trust: nothing after it can be read.
                    unsupported.Add(name);
                    reader.ReadRest();
                    break;
                default:
                    unsupported.Add($"constraint {type}");
                    reader.ReadRest();
                    break;
            }
        }

        return new KeyConstraints(lifetime, confirm, unsupported) { Destinations = destinations };
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

        if (Destinations.Count > 0)
        {
            writer.WriteByte(Extension);
            writer.WriteString(DestinationConstraint.ExtensionName);
            DestinationConstraint.WriteAll(writer, Destinations);
        }

        foreach (var name in Unsupported)
        {
            writer.WriteByte(Extension);
            writer.WriteString(name);
        }
    }
}
