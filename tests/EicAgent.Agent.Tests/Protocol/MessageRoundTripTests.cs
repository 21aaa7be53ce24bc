using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;

namespace EicAgent.Agent.Tests.Protocol;

/// <summary>Every message: what the writer produces, the reader gives back; any truncation is refused.</summary>
public sealed class MessageRoundTripTests
{
    private static readonly byte[] Blob = [0, 0, 0, 11, .. "ssh-ed25519"u8, 0, 0, 0, 1, 7];

    public static TheoryData<string, Func<AgentMessage>, Action<AgentMessage>> Messages => new()
    {
        {
            "identities answer",
            () => IdentitiesAnswer.Create([new PublicIdentity(Blob, "one"), new PublicIdentity([9, 9], "")]),
            message =>
            {
                var identities = IdentitiesAnswer.Read(message.Body);
                Assert.Equal(["one", ""], identities.Select(identity => identity.Comment));
                Assert.Equal(Blob, identities[0].KeyBlob);
            }
        },
        {
            "sign request",
            () => new SignRequest(Blob, [1, 2, 3], SignatureFlags.RsaSha2_512).ToMessage(),
            message =>
            {
                var request = SignRequest.Read(message.Body);
                Assert.Equal(Blob, request.KeyBlob);
                Assert.Equal([1, 2, 3], request.Data);
                Assert.Equal(SignatureFlags.RsaSha2_512, request.Flags);
            }
        },
        {
            "sign response",
            () => SignResponse.Create([4, 5, 6]),
            message => Assert.Equal([4, 5, 6], SignResponse.Read(message.Body))
        },
        {
            "add Ed25519 identity",
            () => new AddIdentityRequest(new Ed25519PrivateKeyFields(new byte[32], Enumerable.Repeat((byte)1, 64).ToArray()), "me", KeyConstraints.None).ToMessage(),
            message =>
            {
                Assert.Equal(AgentMessageType.AddIdentity, message.Type);
                using var add = AddIdentityRequest.Read(message.Body, constrained: false);
                var key = Assert.IsType<Ed25519PrivateKeyFields>(add.Key);
                Assert.Equal(64, key.PrivateKey.Length);
                Assert.Equal("me", add.Comment);
            }
        },
        {
            "add constrained RSA identity",
            () => new AddIdentityRequest(
                new RsaPrivateKeyFields([0xC1, 1], [1, 0, 1], [0x99], [2], [0x83], [5]),
                "rsa",
                new KeyConstraints(60, Confirm: true, ["foo@example.com"])).ToMessage(),
            message =>
            {
                Assert.Equal(AgentMessageType.AddIdentityConstrained, message.Type);
                using var add = AddIdentityRequest.Read(message.Body, constrained: true);
                var key = Assert.IsType<RsaPrivateKeyFields>(add.Key);
                Assert.Equal([0xC1, 1], key.Modulus);
                Assert.Equal([0x83], key.P);
                Assert.Equal(60u, add.Constraints.LifetimeSeconds);
                Assert.True(add.Constraints.Confirm);
                Assert.Equal(["foo@example.com"], add.Constraints.Unsupported);
            }
        },
        {
            "remove identity",
            () => RemoveIdentityRequest.Create(Blob),
            message => Assert.Equal(Blob, RemoveIdentityRequest.Read(message.Body))
        },
        {
            "lock",
            () => LockRequest.Create(AgentMessageType.Lock, "secret"),
            message => Assert.Equal("secret"u8.ToArray(), LockRequest.ReadPassphrase(message.Body))
        },
        {
            "unlock",
            () => LockRequest.Create(AgentMessageType.Unlock, ""),
            message => Assert.Empty(LockRequest.ReadPassphrase(message.Body))
        },
        {
            "extension",
            () => new ExtensionRequest("connect@eicagent", [0, 1, 2]).ToMessage(),
            message =>
            {
                var request = ExtensionRequest.Read(message.Body);
                Assert.Equal("connect@eicagent", request.Name);
                Assert.Equal([0, 1, 2], request.Contents);
            }
        },
        {
            "session-bind",
            () => new SessionBindRequest(Blob, [1, 2], [3, 4], IsForwarding: true).ToMessage(),
            message =>
            {
                var extension = ExtensionRequest.Read(message.Body);
                Assert.Equal(SessionBindRequest.ExtensionName, extension.Name);
                var bind = SessionBindRequest.Read(extension.Contents);
                Assert.Equal(Blob, bind.HostKeyBlob);
                Assert.Equal([1, 2], bind.SessionId);
                Assert.Equal([3, 4], bind.Signature);
                Assert.True(bind.IsForwarding);
            }
        },
        {
            "query reply",
            () => QueryReply.Create(["query", "session-bind@openssh.com"]),
            message => Assert.Equal(["query", "session-bind@openssh.com"], QueryReply.Read(message.Body))
        },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Reads_back_what_was_written(string name, Func<AgentMessage> write, Action<AgentMessage> readAndCheck)
    {
        Assert.NotEmpty(name);
        readAndCheck(write());
    }

    public static TheoryData<string, Func<AgentMessage>, Func<byte[], object>> StrictMessages => new()
    {
        { "identities answer", () => IdentitiesAnswer.Create([new PublicIdentity(Blob, "c")]), body => IdentitiesAnswer.Read(body) },
        { "sign request", () => new SignRequest(Blob, [1], SignatureFlags.None).ToMessage(), body => SignRequest.Read(body) },
        { "sign response", () => SignResponse.Create([1]), body => SignResponse.Read(body) },
        {
            "add identity",
            () => new AddIdentityRequest(new Ed25519PrivateKeyFields(new byte[32], new byte[64]), "c", KeyConstraints.None).ToMessage(),
            body => AddIdentityRequest.Read(body, constrained: false)
        },
        { "remove identity", () => RemoveIdentityRequest.Create(Blob), body => RemoveIdentityRequest.Read(body) },
        { "lock", () => LockRequest.Create(AgentMessageType.Lock, "pw"), body => LockRequest.ReadPassphrase(body) },
        {
            "session-bind",
            () => AgentMessage.Create(AgentMessageType.Extension, writer => writer.WriteRaw(new SessionBindRequest(Blob, [1], [2], false).ToContents())),
            body => SessionBindRequest.Read(body)
        },
    };

    [Theory]
    [MemberData(nameof(StrictMessages))]
    public void Every_truncation_is_refused(string name, Func<AgentMessage> write, Func<byte[], object> read)
    {
        var body = write().Body.ToArray();
        Assert.NotNull(read(body));
        for (var length = 0; length < body.Length; length++)
        {
            var truncated = body[..length];
            Assert.True(Throws(() => read(truncated)), $"{name} truncated to {length} of {body.Length} bytes was accepted");
        }
    }

    [Fact]
    public void User_authentication_data_reads_back_with_and_without_a_host_key()
    {
        foreach (var (method, hostKey) in new[] { (UserAuthRequest.PublicKeyMethod, (byte[]?)null), (UserAuthRequest.HostBoundPublicKeyMethod, Blob) })
        {
            var written = new UserAuthRequest([1, 2, 3], "ec2-user", "ssh-connection", method, "ssh-ed25519", Blob, hostKey);
            var read = UserAuthRequest.Read(written.ToBytes());
            Assert.Equal("ec2-user", read.User);
            Assert.Equal([1, 2, 3], read.SessionId);
            Assert.Equal(hostKey, read.HostKeyBlob);
        }
    }

    [Fact]
    public void Data_that_is_not_a_user_authentication_request_is_recognised()
    {
        Assert.False(UserAuthRequest.TryRead("just a file to sign"u8, out _));
        var wrongMethod = new UserAuthRequest([1], "u", "ssh-connection", "password", "a", Blob, null).ToBytes();
        Assert.False(UserAuthRequest.TryRead(wrongMethod, out _));
    }

    [Fact]
    public void Unsupported_key_types_name_themselves()
    {
        var message = AgentMessage.Create(AgentMessageType.AddIdentity, writer =>
        {
            writer.WriteString("ssh-xmss@openssh.com");
            writer.WriteString("XMSS_SHA2-256_W16_H10");
        });
        var exception = Assert.Throws<AgentProtocolException>(() => AddIdentityRequest.Read(message.Body, constrained: false));
        Assert.Equal("unsupported key type ssh-xmss@openssh.com", exception.Message);
    }

    [Fact]
    public void Security_keys_are_refused_for_want_of_an_authenticator()
    {
        var message = AgentMessage.Create(AgentMessageType.AddIdentity, writer =>
        {
            writer.WriteString("sk-ssh-ed25519@openssh.com");
            writer.WriteString(new byte[32]);
        });
        var exception = Assert.Throws<AgentProtocolException>(() => AddIdentityRequest.Read(message.Body, constrained: false));
        Assert.Contains("needs a FIDO authenticator provider", exception.Message, StringComparison.Ordinal);
    }

    private static bool Throws(Func<object> read)
    {
        try
        {
            read();
            return false;
        }
        catch (AgentProtocolException)
        {
            return true;
        }
    }
}
