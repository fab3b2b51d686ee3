using RobustFT.Core.Datasets;
using RobustFT.Testing.Data;

namespace RobustFT.Inference.Tests.Tokenization;

/// <summary>Texts for the tokenizer golden test: every question and option of the arc and fpb noisy30 splits, plus
/// hand-picked edge cases (whitespace, digits, emoji, CJK, combining marks, RTL, special-token look-alikes).</summary>
public static class GoldenCorpus
{
    public static IReadOnlyList<string> EdgeCases { get; } =
    [
        "",
        " ",
        "   ",
        "\t",
        "\n",
        "\r\n",
        "a\tb\tc",
        "line one\nline two\n\nline four",
        "  leading spaces",
        "trailing spaces   ",
        "  both  ",
        "multiple     inner      spaces",
        " \t \n mixed \n\t whitespace \r\n ",
        "1234567890123456789",
        "3.14159 and 2,718,281 and -42 and 1e10",
        "Year 2024: revenue EUR 193.1 mn (+37 %)",
        "emoji 😀 smile",
        "😀abc",
        "family 👨‍👩‍👧‍👦 zwj",
        "flags 🇺🇸🇯🇵 and skin 👍🏽",
        "astral letters 𝐀𝐁𝐂 and 𠀀𠀁x",
        "a𝐀b Hello𝐖orld 𝐀bc",
        "😀Hello 🎉Congratulations word🙂word",
        "中𠀀文 𠀀中文 I❤️NY",
        "math digits 𝟙𝟚𝟛𝟜𝟝 and 𝟏𝟐",
        "🙂🙂🙂🙂 😀😀",
        "汉字中文测试，标点。",
        "日本語のテキストです",
        "한국어 텍스트",
        "café naïve résumé",
        "e\u0301 combining acute, a\u0308 umlaut",
        "Ω≈ç√∫˜µ≤≥÷",
        "مرحبا بالعالم",
        "שלום עולם",
        "mixed English مرحبا and עברית",
        "a <|eot_id|> b",
        "<|begin_of_text|>Hello<|eot_id|>",
        "text<|start_header_id|>user<|end_header_id|>more",
        "<|not_a_special_token|>",
        "< |eot_id| >",
        "I'm don't we'll they've she's I'd you're",
        "I'M DON'T WE'LL",
        "http://example.com/path?query=1&b=2#frag",
        "def f(x):\n    return x ** 2  # square",
        "{\"json\": [1, 2, 3]}",
        "!!!???...,,,;;;",
        "A) B) C) D)",
        "\u00a0non-breaking\u00a0space",
        "zero\u200bwidth",
        "tab\tthen  two spaces",
    ];

    /// <summary>The edge cases plus all questions and options of arc/noisy30.csv and fpb/noisy30.csv (the
    /// answer and fpb's leaking <c>gt</c> column are not read).</summary>
    public static IReadOnlyList<string> Build()
    {
        var lines = new List<string>(EdgeCases);
        foreach (var task in new[] { "arc", "fpb" })
        {
            var result = DatasetReader.Read(SharedData.File(task, "noisy30.csv"));
            foreach (var sample in result.Samples)
            {
                lines.Add(sample.Question);
                lines.AddRange(sample.Options);
            }
        }

        return lines;
    }
}
