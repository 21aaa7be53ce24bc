using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;

namespace EicAgent.Simulator.Http;

/// <summary>Writes a query-protocol XML answer: every element in one namespace (or none), null values left out.</summary>
internal sealed class XmlAnswer
{
    // As AWS writes it (XmlWriter would say "utf-8").
    private static readonly byte[] Declaration = Encoding.ASCII.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    private readonly XmlWriter _writer;
    private readonly string? _namespace;

    private XmlAnswer(XmlWriter writer, string? xmlNamespace)
    {
        _writer = writer;
        _namespace = xmlNamespace;
    }

    public static async Task WriteAsync(HttpResponse response, int statusCode, string root, string? xmlNamespace, Action<XmlAnswer> body)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Declaration);
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "    ", OmitXmlDeclaration = true,
            // Values keep every character: a CR as &#xD; (not turned into LF), a control character as a character reference.
            NewLineHandling = NewLineHandling.Entitize, CheckCharacters = false,
        };
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            var answer = new XmlAnswer(writer, xmlNamespace);
            answer.Start(root);
            body(answer);
            answer.End();
        }

        response.StatusCode = statusCode;
        response.ContentType = "text/xml;charset=UTF-8";
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    public XmlAnswer Start(string name)
    {
        _writer.WriteStartElement(name, _namespace ?? "");
        return this;
    }

    public XmlAnswer End()
    {
        _writer.WriteEndElement();
        return this;
    }

    public XmlAnswer Value(string name, string? value)
    {
        if (value is not null)
        {
            _writer.WriteElementString(name, _namespace ?? "", value);
        }

        return this;
    }

    public XmlAnswer Value(string name, bool value) => Value(name, value ? "true" : "false");

    public XmlAnswer Value(string name, int value) => Value(name, value.ToString(CultureInfo.InvariantCulture));

    public XmlAnswer Value(string name, DateTimeOffset value) =>
        Value(name, value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    /// <summary>A list in EC2's shape: &lt;name&gt;&lt;item&gt;...&lt;/item&gt;&lt;/name&gt;, an empty element when there is nothing.</summary>
    public XmlAnswer Items<T>(string name, IEnumerable<T> items, Action<XmlAnswer, T> item)
    {
        Start(name);
        foreach (var each in items)
        {
            Start("item");
            item(this, each);
            End();
        }

        return End();
    }

    /// <summary>A list of strings in EC2's shape: &lt;name&gt;&lt;item&gt;value&lt;/item&gt;...&lt;/name&gt;.</summary>
    public XmlAnswer Strings(string name, IEnumerable<string> values)
    {
        Start(name);
        foreach (var value in values)
        {
            Value("item", value);
        }

        return End();
    }

    public XmlAnswer Tags(IReadOnlyDictionary<string, string> tags) =>
        Items("tagSet", tags, (x, tag) => x.Value("key", tag.Key).Value("value", tag.Value));
}
