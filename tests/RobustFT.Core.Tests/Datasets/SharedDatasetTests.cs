using RobustFT.Core.Datasets;
using RobustFT.Testing.Data;

namespace RobustFT.Core.Tests.Datasets;

/// <summary>The reader against the real benchmark files in shared/data/robustft.</summary>
public class SharedDatasetTests
{
    [Fact]
    public void ArcNoisy30ReadsEveryRowWithoutRejects()
    {
        var result = DatasetReader.Read(SharedData.File("arc", "noisy30.csv"));
        Assert.Equal(1778, result.Samples.Count);
        Assert.Empty(result.Rejects);
        var first = result.Samples[0];
        Assert.Equal(("NCEOGA_2013_5_33", 2, "A", 4), (first.Id, first.Line, first.Label, first.Options.Count));
        Assert.Equal("Both have cells with specialized functions for each life process.", first.Options[0]);
        Assert.All(result.Samples, s => Assert.InRange(s.Label[0] - 'A', 0, s.Options.Count - 1));
    }

    [Fact]
    public void FpbNoisy30KeepsMultiLineQuestionsAndGtAsMetadata()
    {
        var result = DatasetReader.Read(SharedData.File("fpb", "noisy30.csv"));
        var first = result.Samples[0];
        Assert.Equal(2, first.Line);
        Assert.Equal("Please jusitfy the sentiment of the following sentence:\nPretax profit decreased by 37 % to EUR 193.1 mn from EUR 305.6 mn .", first.Question);
        Assert.Equal("C", first.Label);
        Assert.Equal("negative", first.Metadata["gt"]);
        Assert.Equal(["negative", "neutral", "positive"], first.Options);
        Assert.Equal(4, result.Samples[1].Line);
        Assert.All(result.Samples, s => Assert.Contains('\n', s.Question));
    }

    [Fact]
    public void FpbNoisy30RejectsOnlyTheTwoRepeatedSentences()
    {
        // fpb repeats two sentences (rows 13 and 1517, rows 144 and 711 of the file's records); the second
        // occurrence of a content-derived id is rejected, so 1,585 rows give 1,583 samples.
        var result = DatasetReader.Read(SharedData.File("fpb", "noisy30.csv"));
        Assert.Equal(1583, result.Samples.Count);
        Assert.Equal([(1420, "id"), (3032, "id")], result.Rejects.Select(r => (r.Line, r.Field)));
        Assert.Contains("(first on line 286)", result.Rejects[0].Reason);
        Assert.Contains("(first on line 24)", result.Rejects[1].Reason);
    }

    [Fact]
    public void FpbIdsOfNoisyRowsEqualIdsOfTheMatchingLabeledRows()
    {
        var noisy = DatasetReader.Read(SharedData.File("fpb", "noisy30.csv")).Samples;
        var labeled = DatasetReader.Read(SharedData.File("fpb", "labeled.csv")).Samples;
        Assert.Equal(labeled.Select(s => (s.Id, s.Line)), noisy.Select(s => (s.Id, s.Line)));
        // 475 labels differ in the file; one of them is on a rejected repeated row.
        Assert.Equal(474, noisy.Zip(labeled).Count(p => p.First.Label != p.Second.Label));
    }

    [Theory]
    [InlineData("arc", "labeled.csv", 1778, "")]
    [InlineData("arc", "test.csv", 345, "")]
    [InlineData("arc", "noisy50.csv", 1777, "894:answer")]
    [InlineData("arc", "noisy70.csv", 1777, "894:answer")]
    [InlineData("fpb", "labeled.csv", 1583, "1420:id 3032:id")]
    [InlineData("fpb", "noisy50.csv", 1583, "1420:id 3032:id")]
    [InlineData("fpb", "noisy70.csv", 1583, "1420:id 3032:id")]
    [InlineData("fpb", "test.csv", 303, "")]
    public void EveryBenchmarkFileReadsWithOnlyItsKnownDefectsRejected(string task, string file, int samples, string rejects)
    {
        // arc noisy50/noisy70 line 894 gives the letter D to a question with three options (a defect of the published
        // noise injection); fpb repeats two sentences.
        var result = DatasetReader.Read(SharedData.File(task, file));
        Assert.Equal(samples, result.Samples.Count);
        Assert.Equal(rejects, string.Join(' ', result.Rejects.Select(r => $"{r.Line}:{r.Field}")));
    }
}
