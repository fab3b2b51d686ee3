using RobustFT.Cli.Tests.Support;
using RobustFT.Core.Datasets;
using RobustFT.Testing.OpenAi;
using RobustFT.Testing.Scripted;

namespace RobustFT.Cli.Tests.EndToEnd;

/// <summary>The product <c>robustft</c> with <c>robustft.inference.backend = openai</c> (generator and encoder) against
/// an <see cref="OpenAiTestServer"/> that answers like the scripted expert of <see cref="ScriptedRun"/>.</summary>
public static class OpenAiRun
{
    public const string ServedModel = "scripted-expert";
    public const string ServedEncoder = "hashing-embedder";

    /// <summary>A server answering from <paramref name="goldPath"/>'s labels, wrong <see cref="ScriptedRun.ExpertErrorRate"/>
    /// of the time, exactly as the in-process scripted backend.</summary>
    public static Task<OpenAiTestServer> StartServerAsync(string goldPath, string? apiKey = null) =>
        OpenAiTestServer.StartAsync(new ScriptedExpertModel(DatasetReader.Read(goldPath).Samples, ScriptedRun.ExpertErrorRate), new HashingEmbedder(), apiKey);

    public static string[] Sets(string baseUrl, params string[] extra) =>
    [
        "--set", "robustft.inference.backend=openai",
        "--set", "robustft.inference.encoder.backend=openai",
        "--set", $"robustft.inference.openai.base-url={baseUrl}",
        "--set", $"robustft.inference.openai.model={ServedModel}",
        "--set", $"robustft.inference.encoder.model={ServedEncoder}",
        "--set", "robustft.inference.openai.retry-delay=50ms",
        .. extra,
    ];

    public static string[] RunArgs(string baseUrl, string input, string output, string gold) =>
        [.. ScriptedRun.Args(input, "arc", output, gold), .. Sets(baseUrl)];

    public static CliProcess Cli() => CliProcess.Robustft();
}
