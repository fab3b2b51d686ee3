using System.Globalization;
using RobustFT.Core.Datasets;
using RobustFT.Core.Demo;
using RobustFT.Core.Tests.Support;

namespace RobustFT.Core.Tests.Demo;

public class DemoDataGeneratorTests
{
    [Fact]
    public void TheSameSeedGivesTheSameDataAndAnotherSeedDifferentData()
    {
        var a = DemoDataGenerator.Generate(200, 0.3, 7);
        var b = DemoDataGenerator.Generate(200, 0.3, 7);
        var c = DemoDataGenerator.Generate(200, 0.3, 8);
        Assert.Equal(DemoDataSet.ToCsv(a.Noisy), DemoDataSet.ToCsv(b.Noisy));
        Assert.Equal(DemoDataSet.ToCsv(a.Gold), DemoDataSet.ToCsv(b.Gold));
        Assert.NotEqual(DemoDataSet.ToCsv(a.Gold), DemoDataSet.ToCsv(c.Gold));
    }

    [Theory]
    [InlineData(100, 0.3, 30)]
    [InlineData(10, 0.25, 2)]
    [InlineData(7, 0.5, 4)]
    [InlineData(50, 0.0, 0)]
    [InlineData(20, 1.0, 20)]
    public void ExactlyRoundedNoiseShareOfLabelsIsWrong(int rows, double noise, int expected)
    {
        var set = DemoDataGenerator.Generate(rows, noise, 42);
        var changed = set.Gold.Zip(set.Noisy).Where(p => p.First.Label != p.Second.Label).ToList();
        Assert.Equal(expected, changed.Count);
        Assert.All(set.Noisy, s => Assert.InRange(s.Label[0], 'A', 'D'));
        Assert.Equal(set.Gold.Select(s => (s.Id, s.Question)), set.Noisy.Select(s => (s.Id, s.Question)));
    }

    [Fact]
    public void GoldAnswersAreCorrectByRecomputationAndOptionsAreDistinct()
    {
        var set = DemoDataGenerator.Generate(500, 0.3, 123);
        var positions = new HashSet<string>();
        var kinds = new HashSet<string>();
        foreach (var sample in set.Gold)
        {
            Assert.Equal(4, sample.Options.Count);
            Assert.Equal(4, sample.Options.Distinct().Count());
            var expected = DemoAnswerSolver.Solve(sample.Question);
            Assert.NotNull(expected);
            Assert.Equal(expected.Value, decimal.Parse(sample.Options[sample.Label[0] - 'A'], CultureInfo.InvariantCulture));
            positions.Add(sample.Label);
            var words = sample.Question.Split(' ');
            kinds.Add(sample.Question.StartsWith("What is") ? words[3] : words[2]);
        }
        Assert.Equal(4, positions.Count);
        Assert.True(kinds.Count >= 7, string.Join(",", kinds));
    }

    [Fact]
    public void The_solver_gets_hand_checked_answers_of_every_question_kind()
    {
        Assert.Equal(85m, DemoAnswerSolver.Solve("What is 37 + 48?"));
        Assert.Equal(38m, DemoAnswerSolver.Solve("What is 50 - 12?"));
        Assert.Equal(56m, DemoAnswerSolver.Solve("What is 7 × 8?"));
        Assert.Equal(1500m, DemoAnswerSolver.Solve("How many grams are in 1.5 kilograms?"));
        Assert.Equal(150m, DemoAnswerSolver.Solve("How many minutes are in 2.5 hours?"));
        Assert.Equal(180m, DemoAnswerSolver.Solve("How many seconds are in 3 minutes?"));
        Assert.Equal(350m, DemoAnswerSolver.Solve("How many centimetres are in 3.5 metres?"));
        Assert.Equal(12340m, DemoAnswerSolver.Solve("How many millilitres are in 12.34 litres?"));
        Assert.Null(DemoAnswerSolver.Solve("What is love?"));
    }

    [Fact]
    public async Task WritesNoisyAndGoldCsvThatTheReaderReadsBack()
    {
        using var dir = new TempDirectory();
        var set = DemoDataGenerator.Generate(60, 0.5, 9);
        await set.WriteAsync(dir.Path);

        var noisy = DatasetReader.Read(dir.File(DemoDataSet.NoisyFileName));
        var gold = DatasetReader.Read(dir.File(DemoDataSet.GoldFileName));

        Assert.Empty(noisy.Rejects);
        Assert.Empty(gold.Rejects);
        Assert.Equal(set.Noisy.Select(s => (s.Id, s.Line, s.Question, s.Label)), noisy.Samples.Select(s => (s.Id, s.Line, s.Question, s.Label)));
        Assert.Equal(set.Gold.Select(s => s.Options), gold.Samples.Select(s => s.Options));
        Assert.StartsWith("id,question,answer,options\n", await File.ReadAllTextAsync(dir.File(DemoDataSet.NoisyFileName)));
    }

    [Fact]
    public void RejectsNoiseOutsideZeroToOne() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoDataGenerator.Generate(10, 1.5, 1));
}
