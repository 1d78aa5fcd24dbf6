extern alias JsonSchemaNet;

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using JsonSchema = JsonSchemaNet::Json.Schema.JsonSchema;
using EvaluationOptions = JsonSchemaNet::Json.Schema.EvaluationOptions;
using OutputFormat = JsonSchemaNet::Json.Schema.OutputFormat;

namespace AmpsDevice.Telemetry.Tests.Support;

/// <summary>
/// The payload schemas of docs/asyncapi.yaml as JSON Schemas (JsonSchema.Net, draft 2020-12), strict: an
/// object schema that lists its properties accepts no others, so a field the device sends and the document
/// does not describe is an error, as is a described field the device sends with the wrong type or null.
/// </summary>
internal sealed class AsyncApiSchemas
{
    private readonly JsonObject _schemas;
    private readonly Dictionary<string, JsonSchema> _built = [];

    public AsyncApiSchemas(string yamlPath)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(yamlPath))
        {
            stream.Load(reader);
        }

        var document = (JsonObject)ToJson(stream.Documents[0].RootNode)!;
        _schemas = document["components"]!["schemas"]!.AsObject();
        Strict(_schemas);
        RewriteRefs(_schemas);
    }

    /// <summary>The error messages of <paramref name="payload"/> against the schema named <paramref name="schemaName"/> (empty: valid).</summary>
    public IReadOnlyList<string> Errors(string schemaName, string payload)
    {
        if (!_built.TryGetValue(schemaName, out var schema))
        {
            Assert.True(_schemas.ContainsKey(schemaName), $"docs/asyncapi.yaml has no schema {schemaName}");
            var root = new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$defs"] = _schemas.DeepClone(),
                ["$ref"] = "#/$defs/" + schemaName,
            };
            schema = JsonSchema.FromText(root.ToJsonString(), baseUri: new Uri($"https://ampsdevice.invalid/asyncapi/{schemaName}"));
            _built[schemaName] = schema;
        }

        using var instance = JsonDocument.Parse(payload);
        var result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid)
        {
            return [];
        }

        var errors = new List<string>();
        foreach (var detail in result.Details ?? [])
        {
            foreach (var (keyword, message) in detail.Errors ?? new Dictionary<string, string>())
            {
                errors.Add($"{detail.InstanceLocation} ({keyword}): {message}");
            }
        }

        return errors.Count > 0 ? errors : ["invalid (no details)"];
    }

    /// <summary>YAML to JSON: plain scalars that read as null, booleans or numbers become them; quoted ones stay strings.</summary>
    private static JsonNode? ToJson(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var o = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    o[((YamlScalarNode)key).Value!] = ToJson(value);
                }

                return o;
            case YamlSequenceNode seq:
                var a = new JsonArray();
                foreach (var item in seq.Children)
                {
                    a.Add(ToJson(item));
                }

                return a;
            case YamlScalarNode scalar when scalar.Style == ScalarStyle.Plain:
                var text = scalar.Value ?? "";
                return text switch
                {
                    "null" or "~" or "" => null,
                    "true" => JsonValue.Create(true),
                    "false" => JsonValue.Create(false),
                    _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
                    _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
                    _ => JsonValue.Create(text),
                };
            case YamlScalarNode scalar:
                return JsonValue.Create(scalar.Value);
            default:
                throw new InvalidOperationException($"unexpected YAML node {node.NodeType}");
        }
    }

    /// <summary>Every object schema with a property list and no word on others accepts no others.</summary>
    private static void Strict(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["properties"] is JsonObject && !o.ContainsKey("additionalProperties") && !IsInsideAllOf(o))
                {
                    o["additionalProperties"] = false;
                }

                foreach (var (_, child) in o.ToList())
                {
                    Strict(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Strict(child);
                }

                break;
        }
    }

    // A branch of allOf sees only its own properties: additionalProperties there would refuse the other branch's.
    private static bool IsInsideAllOf(JsonObject o) => o.Parent is JsonArray { Parent: JsonObject parent } array && parent["allOf"] == array;

    private static void RewriteRefs(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["$ref"] is JsonValue r && r.GetValue<string>().StartsWith("#/components/schemas/", StringComparison.Ordinal))
                {
                    o["$ref"] = "#/$defs/" + r.GetValue<string>()["#/components/schemas/".Length..];
                }

                foreach (var (_, child) in o.ToList())
                {
                    RewriteRefs(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    RewriteRefs(child);
                }

                break;
        }
    }
}
