using System.Text.Json;

namespace Gazette.Core.Import.GazetteJson;

/// <summary>One record of a Gazette export: the array it is in ("articles", "comments" ...) or "site", and the record itself.</summary>
public sealed record GazetteJsonRecord(string Section, JsonDocument Document) : IDisposable
{
    public JsonElement Value => Document.RootElement;

    public void Dispose() => Document.Dispose();
}

/// <summary>The file is not a Gazette export this version reads, or not JSON: the message says which and where.</summary>
public sealed class GazetteJsonException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads a Gazette export (<c>export json</c>, docs/export.schema.json) as a stream: the header is checked as it comes
/// (format "gazette-export", version <see cref="Version"/>), then each record of each array, and the site object, is
/// handed over as a <see cref="JsonDocument"/> of its own. Memory holds one record and the read buffer, which grows
/// only as far as the largest record; the file can be any size.
/// </summary>
public sealed class GazetteJsonReader(Stream stream)
{
    public const string Format = "gazette-export";
    public const int Version = 1;

    private byte[] buffer = new byte[1 << 16];
    private int start, end;
    private bool finalBlock, done, headerChecked;
    private long consumedBefore;
    private JsonReaderState state = new(new JsonReaderOptions { MaxDepth = 64 });
    private string? property, section;
    private string? format;
    private int? version;

    /// <summary>Bytes of the file read and understood so far, for progress.</summary>
    public long Position => consumedBefore;

    public IEnumerable<GazetteJsonRecord> Records()
    {
        while (TryRead(out var record))
        {
            yield return record;
        }
        if (!headerChecked)
        {
            CheckHeader();
        }
    }

    private bool TryRead(out GazetteJsonRecord record)
    {
        record = null!;
        while (!done)
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), finalBlock, state);
            GazetteJsonRecord? found;
            bool complete;
            try
            {
                complete = Step(ref reader, out found);
            }
            catch (JsonException e)
            {
                throw new GazetteJsonException($"The file is not valid JSON near byte {consumedBefore + reader.BytesConsumed}: {e.Message}", e);
            }
            if (!complete)
            {
                if (finalBlock)
                {
                    throw new GazetteJsonException($"The file ends in the middle of a record (byte {consumedBefore + reader.BytesConsumed}): it was cut short.");
                }
                Refill();
                continue;
            }
            start += (int)reader.BytesConsumed;
            consumedBefore += reader.BytesConsumed;
            state = reader.CurrentState;
            if (found is not null)
            {
                record = found;
                return true;
            }
        }
        return false;
    }

    /// <summary>Reads one token, or one whole record; false when the buffer holds too little (nothing is consumed then).</summary>
    private bool Step(ref Utf8JsonReader reader, out GazetteJsonRecord? record)
    {
        record = null;
        if (!reader.Read())
        {
            return false;
        }
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject when reader.CurrentDepth == 0:
                return true;
            case JsonTokenType.EndObject when reader.CurrentDepth == 0:
                done = true;
                return true;
            case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                property = reader.GetString();
                return true;
            case JsonTokenType.StartArray when reader.CurrentDepth == 1:
                CheckHeader();
                section = property;
                return true;
            case JsonTokenType.EndArray when reader.CurrentDepth == 1:
                section = null;
                return true;
            case JsonTokenType.StartObject when reader.CurrentDepth == 1 || (reader.CurrentDepth == 2 && section is not null):
                var ahead = reader;
                if (!ahead.TrySkip())
                {
                    return false;
                }
                if (reader.CurrentDepth == 1)
                {
                    CheckHeader();
                }
                record = new GazetteJsonRecord(reader.CurrentDepth == 1 ? property! : section!, JsonDocument.ParseValue(ref reader));
                return true;
            case JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null when reader.CurrentDepth == 1:
                if (property == "format")
                {
                    format = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (property == "version")
                {
                    version = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v) ? v : -1;
                }
                return true;
            case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth == 0:
                throw new GazetteJsonException("This is not a Gazette export: it is a JSON array, not an object.");
            default:
                throw new GazetteJsonException($"This is not a Gazette export: \"{property}\" holds {reader.TokenType} where records were expected (byte {consumedBefore + reader.TokenStartIndex}).");
        }
    }

    private void CheckHeader()
    {
        if (headerChecked)
        {
            return;
        }
        headerChecked = true;
        if (format != Format)
        {
            throw new GazetteJsonException($"This is not a Gazette export: its \"format\" is {(format is null ? "missing" : $"\"{format}\"")}, not \"{Format}\" (export json writes it).");
        }
        if (version != Version)
        {
            throw new GazetteJsonException(version > Version
                ? $"This export is of version {version}, made by a newer Gazette: this one reads version {Version}. Update Gazette first."
                : $"This export's \"version\" is {(version is null ? "missing" : version.ToString())}: this Gazette reads version {Version}.");
        }
    }

    private void Refill()
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.Length)
        {
            // One record larger than the buffer: room for it (the buffer never grows past the largest record).
            Array.Resize(ref buffer, buffer.Length * 2);
        }
        var read = stream.Read(buffer, end, buffer.Length - end);
        end += read;
        finalBlock = read == 0;
    }
}
