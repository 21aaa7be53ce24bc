using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime.Signing;

namespace EicAgent.Simulator.Tests;

/// <summary>How to sign a request: who, and what to get wrong on purpose.</summary>
public sealed record Signing(SimulatedCaller Caller)
{
    public DateTime? SignedAt { get; init; }

    /// <summary>The credential scope's service; null means the one the request is for.</summary>
    public string? Service { get; init; }

    public string? Region { get; init; }

    /// <summary>Sign with this secret instead of the caller's.</summary>
    public string? SecretAccessKey { get; init; }

    /// <summary>Send this body instead of the one that was signed.</summary>
    public string? TamperedBody { get; init; }

    /// <summary>Send no Authorization at all.</summary>
    public bool Unsigned { get; init; }
}

/// <summary>
/// Sends requests signed by the AWS SDK's own SigV4 signer (AWSSigV4Signer): EC2 Instance Connect JSON calls (until
/// our EIC client is merged, this is how tests push keys) and raw EC2/STS query calls, rightly or wrongly signed.
/// </summary>
public sealed class SignedRequestClient(Uri endpoint, string region)
{
    private static readonly HttpClient Http = new();

    public Task<SignedAnswer> SendSshPublicKeyAsync(string instanceId, string osUser, string publicKey, SimulatedCaller caller) =>
        SendAsync("SendSSHPublicKey", Json(("InstanceId", instanceId), ("InstanceOSUser", osUser), ("SSHPublicKey", publicKey)), caller);

    public Task<SignedAnswer> SendAsync(string operation, string body, SimulatedCaller caller) =>
        SendJsonAsync(operation, body, new Signing(caller));

    public Task<SignedAnswer> SendJsonAsync(string operation, string body, Signing signing) =>
        SendSignedAsync(
            "ec2-instance-connect",
            "application/x-amz-json-1.1",
            new Dictionary<string, string> { ["X-Amz-Target"] = "AWSEC2InstanceConnectService." + operation },
            body,
            signing);

    /// <summary>A query-protocol call (EC2: service "ec2", Version 2016-11-15; STS: "sts", 2011-06-15).</summary>
    public Task<SignedAnswer> SendQueryAsync(string service, string form, Signing signing) =>
        SendSignedAsync(service, "application/x-www-form-urlencoded; charset=utf-8", [], form, signing);

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

    private async Task<SignedAnswer> SendSignedAsync(
        string service, string contentType, Dictionary<string, string> headers, string body, Signing signing)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(signing.TamperedBody ?? body)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (!signing.Unsigned)
        {
            foreach (var (name, value) in Sign(service, contentType, headers, body, signing))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await Http.SendAsync(request);
        return new SignedAnswer(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    // The signer's headers (Authorization, X-Amz-Date, X-Amz-Content-SHA256...) minus those the request already carries.
    private IEnumerable<KeyValuePair<string, string>> Sign(
        string service, string contentType, Dictionary<string, string> headers, string body, Signing signing)
    {
        var toSign = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = endpoint, Content = Encoding.UTF8.GetBytes(body) };
        toSign.Headers["Content-Type"] = contentType;
        foreach (var (name, value) in headers)
        {
            toSign.Headers[name] = value;
        }

        var credentials = CallerCredentials.For(signing.Caller, signing.SecretAccessKey);
        var signed = AWSSigV4Signer.Sign(toSign, new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(signing.Region ?? region),
            Service = signing.Service ?? service,
            SignPayload = true,
            SignedAt = signing.SignedAt,
        });
        return signed.Headers.Where(h => !h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && !headers.ContainsKey(h.Key));
    }
}
