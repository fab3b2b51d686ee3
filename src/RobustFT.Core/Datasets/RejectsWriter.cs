using System.Text.Json;

namespace RobustFT.Core.Datasets;

/// <summary>Writes rejected rows as JSON Lines (<c>rejects.jsonl</c>): one object per line with file, line, field,
/// reason and raw, in the given order. The file is replaced atomically.</summary>
public static class RejectsWriter
{
    public const string FileName = "rejects.jsonl";

    public static Task WriteAsync(string path, IEnumerable<RejectedRow> rejects, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAsync(path, async writer =>
        {
            foreach (var reject in rejects)
            {
                await writer.WriteAsync(JsonSerializer.Serialize(reject, CoreJson.Compact));
                await writer.WriteAsync('\n');
            }
        }, cancellationToken);
}
