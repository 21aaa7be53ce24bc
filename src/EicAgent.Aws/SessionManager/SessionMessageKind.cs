namespace EicAgent.Aws.SessionManager;

/// <summary>
/// The message types and payload types of Session Manager's data channel (the session-manager-plugin's
/// message/clientmessage.go names them; the values are the protocol's).
/// </summary>
public static class SessionMessageKind
{
    public const string InputStreamData = "input_stream_data";
    public const string OutputStreamData = "output_stream_data";
    public const string Acknowledge = "acknowledge";
    public const string ChannelClosed = "channel_closed";
    public const string StartPublication = "start_publication";
    public const string PausePublication = "pause_publication";
}

/// <summary>What a stream message's payload is.</summary>
public enum SessionPayloadType : uint
{
    None = 0,
    Output = 1,
    Error = 2,
    Size = 3,
    Parameter = 4,
    HandshakeRequest = 5,
    HandshakeResponse = 6,
    HandshakeComplete = 7,
    EncryptionChallengeRequest = 8,
    EncryptionChallengeResponse = 9,
    Flag = 10,
    StandardError = 11,
    ExitCode = 12,
}

/// <summary>The uint32 (big-endian) payload of a <see cref="SessionPayloadType.Flag"/> message.</summary>
public enum SessionFlag : uint
{
    DisconnectToPort = 1,
    TerminateSession = 2,
    ConnectToPortError = 3,
}
