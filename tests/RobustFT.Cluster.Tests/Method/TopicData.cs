using RobustFT.Core.Samples;

namespace RobustFT.Cluster.Tests.Method;

/// <summary>Multiple-choice questions in topics: the questions of a topic share most of their words (so a bag-of-words
/// encoder finds them similar) and the same right answer, which differs between neighbouring topics. Every third
/// sample of a topic carries a wrong label.</summary>
public static class TopicData
{
    public const int Topics = 8;
    public const int PerTopic = 6;
    private const string Letters = "ABCD";

    public static IReadOnlyList<Sample> Noisy { get; } = Create(noisy: true);

    /// <summary>The right label of every sample, by id.</summary>
    public static IReadOnlyDictionary<string, string> Gold { get; } = Create(noisy: false).ToDictionary(s => s.Id, s => s.Label, StringComparer.Ordinal);

    public static IEnumerable<Sample> NoisySamples => Noisy.Where(s => s.Label != Gold[s.Id]);

    public static int TopicOf(string sampleId) => int.Parse(sampleId.AsSpan(1, sampleId.IndexOf('-') - 1), System.Globalization.CultureInfo.InvariantCulture);

    private static IReadOnlyList<Sample> Create(bool noisy)
    {
        var samples = new List<Sample>();
        for (var t = 0; t < Topics; t++)
        {
            var words = string.Join(' ', Enumerable.Range(0, 6).Select(w => $"topic{t}word{w}"));
            for (var i = 0; i < PerTopic; i++)
            {
                var gold = Letters[t % 4];
                var label = noisy && i % 3 == 2 ? Letters[(t + 1) % 4] : gold;
                samples.Add(new Sample($"t{t}-{i}", samples.Count + 2, $"{words} variant{t}x{i}?", ["one", "two", "three", "four"],
                    label.ToString(), new Dictionary<string, string>()));
            }
        }
        return samples;
    }
}
