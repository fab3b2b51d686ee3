using System.Text;
using RobustFT.Core.Datasets;
using RobustFT.Core.Prompts;
using RobustFT.Core.Samples;
using RobustFT.Core.Tasks;
using RobustFT.Core.Tests.Support;

namespace RobustFT.Core.Tests.Datasets;

public class TrainingExporterTests
{
    private static readonly TrainingExporter Exporter =
        new(new PromptBuilder(TaskProfiles.Resolve("arc"), new PromptTemplates { Vanilla = "Q: {question}\n{options}" }));

    private static SampleOutcome[] Outcomes() =>
    [
        new(new Sample("s2", 5, "What is 2+2?", ["3", "4"], "A", new Dictionary<string, string>()), "Selected")
        {
            BaseResponse = "Answer: B", BaseAnswer = "B", ReasoningResponse = "2+2=4\nAnswer: B", ReasoningAnswer = "B",
            R = 0.0, Clean = false, Neighbours = ["s1", "s9"], ContextResponse = "Answer: B", ContextAnswer = "B",
            ReviewResponse = "Answer: B", ReviewLabel = "B", Entropy = 0.1, Rank = 1, Selected = true,
            FinalLabel = "B", Exported = true,
        },
        new(new Sample("s1", 2, "Say \"hi\", then\nwave", ["yes", "no"], "A", new Dictionary<string, string>()), "Clean")
        {
            BaseAnswer = "A", ReasoningAnswer = "A", R = 1.0, Clean = true, FinalLabel = "A", Exported = true,
        },
        new(new Sample("s3", 5, "Dropped?", ["x", "y"], "B", new Dictionary<string, string>()), "Faulted")
        {
            Fault = "inference failed: timeout",
        },
    ];

    [Fact]
    public async Task WritesTheExpectedFilesInLineThenIdOrder()
    {
        using var dir = new TempDirectory();
        await Exporter.ExportAllAsync(dir.Path, Outcomes());

        Assert.Equal(
            "[\n" +
            "  {\n    \"instruction\": \"Q: Say \\\"hi\\\", then\\nwave\\nOptions:\\nA. yes\\nB. no\",\n    \"input\": \"\",\n    \"output\": \"Answer: A\"\n  },\n" +
            "  {\n    \"instruction\": \"Q: What is 2+2?\\nOptions:\\nA. 3\\nB. 4\",\n    \"input\": \"\",\n    \"output\": \"Answer: B\"\n  }\n" +
            "]\n",
            await File.ReadAllTextAsync(dir.File(TrainingExporter.AlpacaFileName)));

        Assert.Equal(
            "{\"messages\":[{\"role\":\"user\",\"content\":\"Q: Say \\\"hi\\\", then\\nwave\\nOptions:\\nA. yes\\nB. no\"},{\"role\":\"assistant\",\"content\":\"Answer: A\"}]}\n" +
            "{\"messages\":[{\"role\":\"user\",\"content\":\"Q: What is 2+2?\\nOptions:\\nA. 3\\nB. 4\"},{\"role\":\"assistant\",\"content\":\"Answer: B\"}]}\n",
            await File.ReadAllTextAsync(dir.File(TrainingExporter.MessagesFileName)));

        Assert.Equal(
            "id,line,question,given_label,base_response,base_answer,reasoning_response,reasoning_answer,r,clean,neighbours,context_response,context_answer,review_response,review_label,entropy,rank,selected,final_label,state,fault,unlabeled_reason\n" +
            "s1,2,\"Say \"\"hi\"\", then\nwave\",A,,A,,A,1,true,,,,,,,,,A,Clean,,\n" +
            "s2,5,What is 2+2?,A,Answer: B,B,\"2+2=4\nAnswer: B\",B,0,false,s1;s9,Answer: B,B,Answer: B,B,0.1,1,true,B,Selected,,\n" +
            "s3,5,Dropped?,B,,,,,,,,,,,,,,,,Faulted,inference failed: timeout,\n",
            await File.ReadAllTextAsync(dir.File(TrainingExporter.SamplesFileName)));
    }

    [Fact]
    public async Task RerunsAreByteIdenticalWhateverTheInputOrder()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        await Exporter.ExportAllAsync(first.Path, Outcomes());
        await Exporter.ExportAllAsync(second.Path, Outcomes().Reverse());
        await Exporter.ExportAllAsync(second.Path, Outcomes().Reverse());
        foreach (var name in new[] { TrainingExporter.AlpacaFileName, TrainingExporter.MessagesFileName, TrainingExporter.SamplesFileName })
        {
            var bytes = await File.ReadAllBytesAsync(first.File(name));
            Assert.Equal(bytes, await File.ReadAllBytesAsync(second.File(name)));
            Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), $"{name} starts with a BOM");
            Assert.DoesNotContain((byte)'\r', bytes);
        }
        Assert.Equal(3, Directory.GetFiles(second.Path).Length);
    }

    [Fact]
    public void DoublesRoundTripInInvariantCulture()
    {
        var outcome = Outcomes()[0] with { Entropy = 1.0 / 3.0 };
        var cell = TrainingExporter.SamplesRow(outcome)[TrainingExporter.SamplesColumns.ToList().IndexOf("entropy")];
        Assert.Equal(1.0 / 3.0, double.Parse(cell!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0.3333333333333333", cell);
    }

    [Fact]
    public void AnExportedSampleWithoutAFinalLabelIsABug()
    {
        var outcome = Outcomes()[2] with { Exported = true };
        Assert.Throws<InvalidOperationException>(() => Exporter.AlpacaJson([outcome]));
    }

    [Fact]
    public async Task SamplesCsvReadsBackWithTheCsvParser()
    {
        var writer = new StringWriter { NewLine = "\n" };
        await TrainingExporter.WriteSamplesCsv(writer, Outcomes());
        var records = new CsvParser(new StringReader(writer.ToString())).Records().ToList();
        Assert.Equal(4, records.Count);
        Assert.All(records, r => Assert.Equal(TrainingExporter.SamplesColumns.Count, r.Fields.Count));
        Assert.Equal("Say \"hi\", then\nwave", records[1].Fields[2]);
    }
}
