using System.Text;

namespace RobustFT.Core.Datasets;

/// <summary>Writes a file so that readers see either the old content or the complete new one: the content goes to a
/// temporary file in the same directory, is flushed to disk, then replaces the target. UTF-8 without BOM.</summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task WriteAsync(string path, Func<TextWriter, Task> write, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 65536, useAsync: true))
            {
                await using (var writer = new StreamWriter(stream, Utf8NoBom, 65536, leaveOpen: true) { NewLine = "\n" })
                {
                    await write(writer);
                    cancellationToken.ThrowIfCancellationRequested();
                    await writer.FlushAsync(cancellationToken);
                }
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static Task WriteAllTextAsync(string path, string content, CancellationToken cancellationToken = default) =>
        WriteAsync(path, w => w.WriteAsync(content.AsMemory(), cancellationToken), cancellationToken);
}
