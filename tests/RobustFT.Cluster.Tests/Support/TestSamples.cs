using RobustFT.Core.Samples;

namespace RobustFT.Cluster.Tests.Support;

/// <summary>A few ARC-style multiple-choice samples (four options, letter labels).</summary>
public static class TestSamples
{
    public static IReadOnlyList<Sample> Arc { get; } =
    [
        Make("s1", 1, "Which gas do plants take in for photosynthesis?", "B"),
        Make("s2", 2, "Which gas do animals breathe out?", "B"),
        Make("s3", 3, "What do plants release during photosynthesis?", "A"),
        Make("s4", 4, "Which of these is a noble gas?", "D"),
    ];

    private static Sample Make(string id, int line, string question, string label) =>
        new(id, line, question, ["Oxygen", "Carbon dioxide", "Nitrogen", "Helium"], label, new Dictionary<string, string>());
}
