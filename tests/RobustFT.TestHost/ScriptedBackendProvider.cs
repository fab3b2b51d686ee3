using System.Globalization;
using RobustFT.Cli.Backends;
using RobustFT.Cli.Configuration;
using RobustFT.Core.Datasets;
using RobustFT.Testing.Scripted;

namespace RobustFT.TestHost;

/// <summary>Plugs the scripted expert into the real CLI. Reads ROBUSTFT_SCRIPTED_GOLD (clean labels),
/// ROBUSTFT_SCRIPTED_ERROR (expert error rate) and ROBUSTFT_SCRIPTED_DELAY_MS (sleep per model batch).</summary>
public sealed class ScriptedBackendProvider : IBackendProvider
{
    public ModelBackends Create(RobustFtConfig config)
    {
        var goldPath = Environment.GetEnvironmentVariable("ROBUSTFT_SCRIPTED_GOLD")
            ?? throw new UsageException("ROBUSTFT_SCRIPTED_GOLD is not set (test host)");
        var delay = int.Parse(Environment.GetEnvironmentVariable("ROBUSTFT_SCRIPTED_DELAY_MS") ?? "0", CultureInfo.InvariantCulture);
        var gold = DatasetReader.Read(goldPath).Samples;
        return new ModelBackends(new ScriptedExpertModel(gold, ErrorRate(), TimeSpan.FromMilliseconds(delay)), new HashingEmbedder());
    }

    public (string Generator, string Encoder) ModelIds(RobustFtConfig config) =>
        (new ScriptedExpertModel([], ErrorRate()).ModelId, new HashingEmbedder().ModelId);

    private static double ErrorRate() =>
        double.Parse(Environment.GetEnvironmentVariable("ROBUSTFT_SCRIPTED_ERROR") ?? "0.1", CultureInfo.InvariantCulture);
}
