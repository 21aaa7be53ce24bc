using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace EicAgent.Simulator.Tests;

/// <summary>What the simulator answered to a hand-signed request: JSON (Instance Connect) or XML (EC2, STS).</summary>
public sealed record SignedAnswer(HttpStatusCode Status, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The JSON error name: the part of __type after '#'.</summary>
    public string? ErrorType => Json.TryGetProperty("__type", out var type) ? type.GetString()!.Split('#')[^1] : null;

    public string? Message => Json.TryGetProperty("Message", out var message) ? message.GetString() : null;

    /// <summary>The &lt;Code&gt; of an EC2 or STS XML error.</summary>
    public string? XmlErrorCode => XDocument.Parse(Body).Descendants().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;

    public string? XmlErrorMessage => XDocument.Parse(Body).Descendants().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value;
}
