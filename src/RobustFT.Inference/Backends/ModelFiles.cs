using System.Security.Cryptography;

namespace RobustFT.Inference.Backends;

/// <summary>Finds the ONNX file of an exported model directory and derives a stable model id from it.</summary>
public static class ModelFiles
{
    /// <summary>Optimum file names, in order of preference.</summary>
    public static IReadOnlyList<string> DecoderCandidates { get; } = ["model.onnx", "decoder_model_merged.onnx", "decoder_model.onnx"];

    public static IReadOnlyList<string> EncoderCandidates { get; } = ["model.onnx", "encoder_model.onnx"];

    public static string Find(string directory, IReadOnlyList<string> candidates)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Model directory not found: {Path.GetFullPath(directory)}");
        foreach (var candidate in candidates)
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path)) return Path.GetFullPath(path);
        }
        throw new FileNotFoundException(
            $"{Path.GetFullPath(directory)}: no ONNX model file (looked for {string.Join(", ", candidates)})",
            Path.Combine(Path.GetFullPath(directory), candidates[0]));
    }

    /// <summary>"onnx:NAME:HASH" where HASH covers the model file's size and first and last MiB and the tokenizer files (tokenizer.json, vocab.txt),
    /// so a different export gets a different id without reading gigabytes.</summary>
    public static string ModelId(string modelPath)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in new[] { modelPath, Path.Combine(Path.GetDirectoryName(modelPath)!, "tokenizer.json"), Path.Combine(Path.GetDirectoryName(modelPath)!, "vocab.txt") })
        {
            if (!File.Exists(path)) continue;
            using var stream = File.OpenRead(path);
            sha.AppendData(BitConverter.GetBytes(stream.Length));
            var buffer = new byte[1 << 20];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            sha.AppendData(buffer, 0, read);
            if (stream.Length > buffer.Length)
            {
                stream.Seek(-buffer.Length, SeekOrigin.End);
                read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                sha.AppendData(buffer, 0, read);
            }
        }
        var name = Path.GetFileName(Path.GetDirectoryName(modelPath)) ?? "model";
        return $"onnx:{name}:{Convert.ToHexStringLower(sha.GetHashAndReset())[..16]}";
    }
}
