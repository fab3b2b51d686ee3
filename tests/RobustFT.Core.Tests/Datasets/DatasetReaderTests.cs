using RobustFT.Core.Datasets;
using RobustFT.Core.Tests.Support;

namespace RobustFT.Core.Tests.Datasets;

public class DatasetReaderTests
{
    [Fact]
    public void ReadsValidRowsAndRejectsEachMalformedRowWithItsLine()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("mixed.csv", string.Join("\n",
            "id,question,answer,options,source",
            "a1,Q1,A,\"[\"\"x\"\",\"\"y\"\"]\",web",
            "a2,Q2,B,\"[\"\"x\"\", bad\",web",
            "a3,,A,\"[\"\"x\"\"]\",web",
            "a4,Q4,,\"[\"\"x\"\"]\",web",
            "a5,Q5,C,\"[\"\"x\"\",\"\"y\"\"]\",web",
            "a1,Q6,A,\"[\"\"x\"\"]\",web",
            "a7,\"multi",
            "line\", b ,\"[\"\"x\"\",\"\"y\"\"]\",book",
            "a8,Q8,A",
            "a9,Q9,AB,\"[\"\"x\"\",\"\"y\"\"]\",web",
            "a10,Q10,A,\"{\"\"x\"\": 1}\",web",
            "a11,Open question,  forty two  ,,web",
            ""));

        var result = DatasetReader.Read(path);

        Assert.Equal(["a1", "a7", "a11"], result.Samples.Select(s => s.Id));
        Assert.Equal([2, 8, 13], result.Samples.Select(s => s.Line));
        var multi = result.Samples[1];
        Assert.Equal("multi\nline", multi.Question);
        Assert.Equal("B", multi.Label);
        Assert.Equal("book", multi.Metadata["source"]);
        var open = result.Samples[2];
        Assert.False(open.IsMultipleChoice);
        Assert.Equal("forty two", open.Label);

        Assert.Equal(
            [(3, "options"), (4, "question"), (5, "answer"), (6, "answer"), (7, "id"), (10, ""), (11, "answer"), (12, "options")],
            result.Rejects.Select(r => (r.Line, r.Field)));
        Assert.All(result.Rejects, r => Assert.Equal(path, r.File));
        Assert.Contains("not valid JSON", result.Rejects[0].Reason);
        Assert.Contains("A-B", result.Rejects[3].Reason);
        Assert.Contains("duplicate id 'a1' (first on line 2)", result.Rejects[4].Reason);
        Assert.Equal("a1,Q6,A,\"[\"\"x\"\"]\",web", result.Rejects[4].Raw);
        Assert.Contains("expected 5 fields", result.Rejects[5].Reason);
    }

    [Fact]
    public void RowsWithoutIdsGetStableContentIdsAndContentDuplicatesAreRejected()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("noid.csv",
            "question,answer,options\nWhat?,A,\"[\"\"x\"\",\"\"y\"\"]\"\nWhat?,B,\"[\"\"x\"\", \"\"y\"\"]\"\nWhat?,A,\"[\"\"y\"\",\"\"x\"\"]\"\n");

        var result = DatasetReader.Read(path);

        Assert.Equal(2, result.Samples.Count);
        Assert.Equal(SampleIds.FromContent("What?", ["x", "y"]), result.Samples[0].Id);
        Assert.Matches("^s-[0-9a-f]{12}$", result.Samples[0].Id);
        Assert.NotEqual(result.Samples[0].Id, result.Samples[1].Id);
        var reject = Assert.Single(result.Rejects);
        Assert.Equal((3, "id"), (reject.Line, reject.Field));
    }

    [Fact]
    public void ContentIdsDependOnQuestionAndOptionsButNotTheAnswer()
    {
        Assert.Equal("s-", SampleIds.FromContent("q", ["a"])[..2]);
        Assert.NotEqual(SampleIds.FromContent("q", ["a", "b"]), SampleIds.FromContent("q", ["ab"]));
        Assert.NotEqual(SampleIds.FromContent("q", ["a"]), SampleIds.FromContent("q2", ["a"]));
        // Fixed value: ids must be the same on every machine and in every run.
        Assert.Equal("s-" + Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData("q\u001fa"u8.ToArray()))[..12], SampleIds.FromContent("q", ["a"]));
    }

    [Fact]
    public void ReadsJsonLinesWithTheSameFieldsAndRejectsMalformedLines()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("data.jsonl", string.Join("\n",
            "{\"id\": \"j1\", \"question\": \"Q1\", \"answer\": \"b\", \"options\": [\"x\", \"y\"], \"gt\": \"y\"}",
            "{\"id\": \"j2\", \"question\": \"Q2\", \"answer\": \"A\"",
            "",
            "{\"id\": \"j3\", \"question\": \"How many?\", \"answer\": 42}",
            "[1, 2]",
            "{\"id\": \"j4\", \"question\": \"Q4\", \"answer\": \"A\", \"options\": [1, 2]}",
            "{\"id\": \"j1\", \"question\": \"Q5\", \"answer\": \"A\", \"options\": [\"x\"]}"));

        var result = DatasetReader.Read(path);

        Assert.Equal(["j1", "j3"], result.Samples.Select(s => s.Id));
        Assert.Equal("B", result.Samples[0].Label);
        Assert.Equal(["x", "y"], result.Samples[0].Options);
        Assert.Equal("y", result.Samples[0].Metadata["gt"]);
        Assert.Equal(4, result.Samples[1].Line);
        Assert.Equal("42", result.Samples[1].Label);
        Assert.Equal([(2, ""), (5, ""), (6, "options"), (7, "id")], result.Rejects.Select(r => (r.Line, r.Field)));
        Assert.Contains("malformed JSON", result.Rejects[0].Reason);
    }

    [Fact]
    public void AMissingFileThrowsNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "robustft-does-not-exist.csv");
        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void AnUnsupportedExtensionThrowsNamingTheFile()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("data.txt", "question,answer\n");
        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(path));
        Assert.Contains("data.txt", e.Message);
        Assert.Contains(".csv", e.Message);
    }

    [Fact]
    public void AMissingRequiredColumnThrowsNamingFileLineAndColumn()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("noanswer.csv", "id,question,options\n1,Q,\n");
        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("line 1", e.Message);
        Assert.Contains("'answer'", e.Message);
    }

    [Fact]
    public void InvalidUtf8ThrowsNamingTheFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.csv");
        File.WriteAllBytes(path, [.. "question,answer\nQ,"u8.ToArray(), 0xC3, 0x28, (byte)'\n']);
        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(path));
        Assert.Contains("UTF-8", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public async Task RejectsAreWrittenAsOneCamelCaseJsonObjectPerLine()
    {
        using var dir = new TempDirectory();
        var path = dir.File(RejectsWriter.FileName);
        await RejectsWriter.WriteAsync(path, [
            new RejectedRow("in.csv", 3, "answer", "answer is missing or empty", "a,\"b\",,"),
            new RejectedRow("in.csv", 9, "", "bad", "x"),
        ]);
        Assert.Equal(
            "{\"file\":\"in.csv\",\"line\":3,\"field\":\"answer\",\"reason\":\"answer is missing or empty\",\"raw\":\"a,\\\"b\\\",,\"}\n" +
            "{\"file\":\"in.csv\",\"line\":9,\"field\":\"\",\"reason\":\"bad\",\"raw\":\"x\"}\n",
            await File.ReadAllTextAsync(path));
        Assert.Equal([RejectsWriter.FileName], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }
}
