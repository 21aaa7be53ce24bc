using System.Net;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace EicAgent.Simulator.Tests;

/// <summary>What a JSON 1.1 service answered.</summary>
public sealed record JsonAnswer(HttpStatusCode Status, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The error name: the part of __type after '#'.</summary>
    public string? ErrorType => Json.TryGetProperty("__type", out var type) ? type.GetString()!.Split('#')[^1] : null;

    public string? Message => Json.TryGetProperty("Message", out var message) ? message.GetString() : null;
}

/// <summary>
/// Sends EC2 Instance Connect (JSON 1.1) requests signed by the AWS SDK's own SigV4 signer, with knobs to sign
/// them wrongly: another secret, time, service scope or region, or a body changed after signing.
/// </summary>
public sealed class SignedJsonClient(Uri endpoint, string region)
{
    private static readonly HttpClient Http = new();

    public Task<JsonAnswer> SendSshPublicKeyAsync(string instanceId, string osUser, string publicKey, SimulatedCaller caller) =>
        SendAsync("SendSSHPublicKey", Json(("InstanceId", instanceId), ("InstanceOSUser", osUser), ("SSHPublicKey", publicKey)), caller);

    public async Task<JsonAnswer> SendAsync(
        string operation,
        string body,
        SimulatedCaller caller,
        DateTime? signedAt = null,
        string service = "ec2-instance-connect",
        string? signingRegion = null,
        string? secretAccessKey = null,
        string? bodySent = null)
    {
        var target = "AWSEC2InstanceConnectService." + operation;
        var signing = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = endpoint, Content = Encoding.UTF8.GetBytes(body) };
        signing.Headers["Content-Type"] = "application/x-amz-json-1.1";
        signing.Headers["X-Amz-Target"] = target;
        var credentials = caller.SessionToken is null
            ? (AWSCredentials)new BasicAWSCredentials(caller.AccessKeyId, secretAccessKey ?? caller.SecretAccessKey)
            : new SessionAWSCredentials(caller.AccessKeyId, secretAccessKey ?? caller.SecretAccessKey, caller.SessionToken);
        var signed = AWSSigV4Signer.Sign(signing, new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(signingRegion ?? region),
            Service = service,
            SignPayload = true,
            SignedAt = signedAt,
        });

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(bodySent ?? body)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        foreach (var (name, value) in signed.Headers)
        {
            if (!name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && !name.Equals("X-Amz-Target", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await Http.SendAsync(request);
        return new JsonAnswer(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static string Json(params (string Name, object? Value)[] members)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in members)
            {
                switch (value)
                {
                    case null:
                        json.WriteNull(name);
                        break;
                    case int number:
                        json.WriteNumber(name, number);
                        break;
                    default:
                        json.WriteString(name, value.ToString());
                        break;
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
