using RobustFT.Core.Randomness;
using System.Globalization;
using RobustFT.Core.Prompts;
using RobustFT.Core.Samples;

namespace RobustFT.Core.Demo;

/// <summary>Generates a synthetic multiple-choice set whose answers can be computed (arithmetic and unit conversions),
/// with four options A-D, the right one at a seeded position, and exactly round(rows × noise) labels (Math.Round,
/// half to even, as Python's round) replaced by a different wrong letter. The same arguments give the same data.</summary>
public static class DemoDataGenerator
{
    public const int OptionCount = 4;

    private static readonly (string Question, string From, string To, decimal Factor, int Decimals)[] Conversions =
    [
        ("How many centimetres are in {0} metres?", "m", "cm", 100m, 1),
        ("How many grams are in {0} kilograms?", "kg", "g", 1000m, 1),
        ("How many minutes are in {0} hours?", "h", "min", 60m, 0),
        ("How many millilitres are in {0} litres?", "l", "ml", 1000m, 2),
        ("How many seconds are in {0} minutes?", "min", "s", 60m, 0),
    ];

    public static DemoDataSet Generate(int rows, double noise, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (noise is < 0 or > 1 || double.IsNaN(noise))
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "noise must be within [0, 1]");
        var random = new SplitMix64(seed);
        var width = Math.Max(4, rows.ToString(CultureInfo.InvariantCulture).Length);
        var gold = new List<Sample>(rows);
        for (var i = 0; i < rows; i++)
        {
            var question = NextQuestion(random);
            var options = Options(question.Answer, random, out var correct);
            var id = "demo-" + (i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            gold.Add(new Sample(id, i + 2, question.Text, options, PromptBuilder.OptionLetter(correct),
                new Dictionary<string, string>()));
        }

        var noisyCount = (int)Math.Round(rows * noise);
        var order = Enumerable.Range(0, rows).ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var noisy = gold.ToArray();
        foreach (var index in order.Take(noisyCount))
        {
            var right = noisy[index].Label[0] - 'A';
            var wrong = (right + 1 + random.Next(OptionCount - 1)) % OptionCount;
            noisy[index] = noisy[index] with { Label = PromptBuilder.OptionLetter(wrong) };
        }
        return new DemoDataSet(gold, noisy);
    }

    public static string Format(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static DemoQuestion NextQuestion(SplitMix64 random)
    {
        switch (random.Next(4))
        {
            case 0:
            {
                int a = random.Next(10, 99), b = random.Next(10, 99);
                return new DemoQuestion($"What is {a} + {b}?", a + b);
            }
            case 1:
            {
                int a = random.Next(50, 199), b = random.Next(10, 49);
                return new DemoQuestion($"What is {a} - {b}?", a - b);
            }
            case 2:
            {
                int a = random.Next(3, 19), b = random.Next(3, 19);
                return new DemoQuestion($"What is {a} × {b}?", a * b);
            }
            default:
            {
                var c = Conversions[random.Next(Conversions.Length)];
                var scale = (decimal)Math.Pow(10, c.Decimals);
                var amount = random.Next(1, 99 * (int)scale) / scale;
                var text = string.Format(CultureInfo.InvariantCulture, c.Question, Format(amount));
                return new DemoQuestion(text, amount * c.Factor);
            }
        }
    }

    /// <summary>Four distinct options: the answer at a random position and three wrong values near it.</summary>
    private static List<string> Options(decimal answer, SplitMix64 random, out int correct)
    {
        var values = new List<decimal> { answer };
        var step = answer >= 100 ? Math.Max(1, Math.Round(answer / 20)) : 1;
        while (values.Count < OptionCount)
        {
            var offset = random.Next(1, 9) * step * (random.Next(2) == 0 ? -1 : 1);
            var candidate = answer + offset;
            if (candidate >= 0 && !values.Contains(candidate)) values.Add(candidate);
        }
        correct = random.Next(OptionCount);
        (values[0], values[correct]) = (values[correct], values[0]);
        return values.Select(Format).ToList();
    }
}
