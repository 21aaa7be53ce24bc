using EicAgent.Agent.Protocol;

namespace EicAgent.Agent.Tests.Protocol;

public sealed class SshReaderWriterTests
{
    [Fact]
    public void Every_primitive_reads_back_as_written()
    {
        using var writer = new SshWriter(initialCapacity: 1);
        writer.WriteByte(0xAB);
        writer.WriteBoolean(true);
        writer.WriteUInt32(0xDEADBEEF);
        writer.WriteString("héllo");
        writer.WriteString([1, 2, 3]);
        writer.WriteMpint([0x80, 0x01]);
        writer.WriteMpint([0x00, 0x00, 0x7F]);
        writer.WriteMpint([]);

        var reader = new SshReader(writer.Written);
        Assert.Equal(0xAB, reader.ReadByte());
        Assert.True(reader.ReadBoolean());
        Assert.Equal(0xDEADBEEF, reader.ReadUInt32());
        Assert.Equal("héllo", reader.ReadUtf8String());
        Assert.Equal([1, 2, 3], reader.ReadString().ToArray());
        Assert.Equal([0x80, 0x01], reader.ReadPositiveMpint().ToArray());
        Assert.Equal([0x7F], reader.ReadPositiveMpint().ToArray());
        Assert.Empty(reader.ReadPositiveMpint().ToArray());
        reader.EnsureAtEnd();
    }

    [Fact]
    public void Mpint_is_written_as_RFC_4251_says()
    {
        using var writer = new SshWriter();
        writer.WriteMpint([0x80]);
        writer.WriteMpint([0x00, 0x12]);

        // 0x80 needs a zero byte so it is not read as negative; leading zeros are dropped.
        Assert.Equal([0, 0, 0, 2, 0x00, 0x80, 0, 0, 0, 1, 0x12], writer.Written.ToArray());
    }

    [Fact]
    public void A_string_whose_length_runs_past_the_end_is_refused()
    {
        byte[] data = [0, 0, 0, 9, 1, 2, 3];
        var exception = Assert.Throws<AgentProtocolException>(() => new SshReader(data).ReadString().ToArray());
        Assert.Contains("truncated", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_claiming_four_gigabytes_is_refused_without_allocating()
    {
        byte[] data = [0xFF, 0xFF, 0xFF, 0xFF, 1];
        Assert.Throws<AgentProtocolException>(() => new SshReader(data).ReadString().ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Reading_a_uint32_from_fewer_than_four_bytes_is_refused(int length)
    {
        var data = new byte[length];
        Assert.Throws<AgentProtocolException>(() => new SshReader(data).ReadUInt32());
    }

    [Fact]
    public void A_negative_mpint_is_refused()
    {
        byte[] data = [0, 0, 0, 1, 0x80];
        Assert.Throws<AgentProtocolException>(() => new SshReader(data).ReadPositiveMpint().ToArray());
    }

    [Fact]
    public void Trailing_bytes_are_refused()
    {
        byte[] data = [1, 2];
        var exception = Assert.Throws<AgentProtocolException>(() =>
        {
            var reader = new SshReader(data);
            reader.ReadByte();
            reader.EnsureAtEnd();
        });
        Assert.Contains("1 unexpected bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nested_string_gets_its_length_filled_in()
    {
        using var writer = new SshWriter();
        var start = writer.BeginString();
        writer.WriteString("ab");
        writer.EndString(start);

        var reader = new SshReader(writer.Written);
        var inner = new SshReader(reader.ReadString());
        Assert.Equal("ab", inner.ReadUtf8String());
    }

    [Fact]
    public void The_writer_grows_past_its_first_buffer()
    {
        using var writer = new SshWriter(initialCapacity: 4);
        var big = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        writer.WriteString(big);
        Assert.Equal(big, new SshReader(writer.Written).ReadString().ToArray());
    }
}
