namespace RobustFT.Inference.Tokenization;

/// <summary>The family a <c>tokenizer.json</c> belongs to, for diagnostics such as <c>models check</c>.</summary>
public enum TokenizerKind
{
    /// <summary>GPT-2 style BPE over the byte↔unicode alphabet (Llama 3, Qwen, GPT-2).</summary>
    ByteLevelBpe,

    /// <summary>SentencePiece-style BPE: Metaspace "▁" and/or byte fallback tokens (Llama 2, Mistral, Gemma).</summary>
    SentencePieceBpe,

    /// <summary>BERT-style WordPiece with "##" continuation pieces.</summary>
    WordPiece,
}
