using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using EicAgent.Aws.SessionManager;

namespace EicAgent.Aws.Tests.SessionManager;

public sealed class SessionMessageTests
{
    [Fact]
    public void A_frame_has_the_documented_layout()
    {
        var id = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        var payload = "hello"u8.ToArray();

        var frame = new SessionMessage(SessionMessageKind.InputStreamData, 7, 0, id, SessionPayloadType.Output, payload) { CreatedDate = 1_700_000_000_123 }.Write();

        Assert.Equal(120 + payload.Length, frame.Length);
        Assert.Equal(116u, BinaryPrimitives.ReadUInt32BigEndian(frame));
        Assert.Equal("input_stream_data".PadRight(32), Encoding.ASCII.GetString(frame, 4, 32));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(36)));
        Assert.Equal(1_700_000_000_123UL, BinaryPrimitives.ReadUInt64BigEndian(frame.AsSpan(40)));
        Assert.Equal(7L, BinaryPrimitives.ReadInt64BigEndian(frame.AsSpan(48)));
        Assert.Equal(Convert.FromHexString("8899aabbccddeeff0011223344556677"), frame[64..80]);
        Assert.Equal(SHA256.HashData(payload), frame[80..112]);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(112)));
        Assert.Equal(5u, BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(116)));
        Assert.Equal(payload, frame[120..]);
    }

    [Fact]
    public void A_frame_reads_back_as_written()
    {
        var written = new SessionMessage(SessionMessageKind.OutputStreamData, 42, 1, Guid.NewGuid(), SessionPayloadType.HandshakeRequest, "{}"u8.ToArray())
        {
            CreatedDate = 99,
        };

        var read = SessionMessage.Read(written.Write());

        Assert.Equal((written.MessageType, written.SequenceNumber, written.Flags, written.MessageId, written.PayloadType, written.CreatedDate),
            (read.MessageType, read.SequenceNumber, read.Flags, read.MessageId, read.PayloadType, read.CreatedDate));
        Assert.Equal(written.Payload.ToArray(), read.Payload.ToArray());
    }

    [Fact]
    public void A_payload_that_does_not_match_its_digest_is_rejected()
    {
        var frame = new SessionMessage(SessionMessageKind.OutputStreamData, 0, 0, Guid.NewGuid(), SessionPayloadType.Output, "data"u8.ToArray()).Write();
        frame[^1] ^= 1;

        var error = Assert.Throws<InvalidDataException>(() => SessionMessage.Read(frame));
        Assert.Contains("digest", error.Message);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(119)]
    public void A_truncated_frame_is_rejected(int length)
    {
        var frame = new SessionMessage(SessionMessageKind.OutputStreamData, 0, 0, Guid.NewGuid(), SessionPayloadType.Output, "data"u8.ToArray()).Write();

        Assert.Throws<InvalidDataException>(() => SessionMessage.Read(frame[..length]));
    }

    [Fact]
    public void A_payload_length_that_disagrees_with_the_frame_is_rejected()
    {
        var frame = new SessionMessage(SessionMessageKind.OutputStreamData, 0, 0, Guid.NewGuid(), SessionPayloadType.Output, "data"u8.ToArray()).Write();
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(116), 400);

        Assert.Throws<InvalidDataException>(() => SessionMessage.Read(frame));
    }

    [Fact]
    public void The_handshake_response_accepts_the_session_type_and_declines_encryption()
    {
        var request = """{"AgentVersion":"3.3.0.0","RequestedClientActions":[{"ActionType":"SessionType","ActionParameters":{"SessionType":"Port"}},{"ActionType":"KMSEncryption","ActionParameters":{}}]}"""u8.ToArray();

        var response = System.Text.Json.JsonDocument.Parse(SessionPayloads.HandshakeResponse(request)).RootElement;

        var actions = response.GetProperty("ProcessedClientActions").EnumerateArray().ToList();
        Assert.Equal(("SessionType", 1), (actions[0].GetProperty("ActionType").GetString(), actions[0].GetProperty("ActionStatus").GetInt32()));
        Assert.Equal(("KMSEncryption", 3), (actions[1].GetProperty("ActionType").GetString(), actions[1].GetProperty("ActionStatus").GetInt32()));
        Assert.Single(response.GetProperty("Errors").EnumerateArray());
    }
}
