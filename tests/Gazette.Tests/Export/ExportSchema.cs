using System.Text.Json;
using Gazette.Tests.Discovery;
using Json.Schema;

namespace Gazette.Tests.Export;

/// <summary>The published schema of <c>export json</c> (docs/export.schema.json), and the check of a document against it.</summary>
public static class ExportSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(ExternalTools.RepositoryRoot, "docs", "export.schema.json"))));

    /// <summary>Asserts the export is valid JSON that the schema accepts, formats (date-time, date) checked; says where it is not.</summary>
    public static JsonDocument AssertValid(byte[] export)
    {
        var document = JsonDocument.Parse(export);
        var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            RequireFormatValidation = true,
        });
        if (!results.IsValid)
        {
            var errors = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
                .Take(20);
            Assert.Fail("The export does not match docs/export.schema.json:\n" + string.Join("\n", errors));
        }
        return document;
    }
}
