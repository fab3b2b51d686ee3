namespace RobustFT.Core.Datasets;

/// <summary>One row of <c>train_alpaca.json</c> (LLaMA-Factory's Alpaca format).</summary>
public sealed record AlpacaRecord(string Instruction, string Input, string Output);
