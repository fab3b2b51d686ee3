namespace RobustFT.Inference.TinyModels;

/// <summary>Logits [batch, seq, vocab] and the present keys/values (past + this call's tokens).</summary>
public sealed record ReferenceGptOutput(float[] Logits, ReferenceKvCache Present);
