namespace RobustFT.Inference.Tokenization;

/// <summary>A tokenizer file is missing, malformed or inconsistent. The message names the file and the JSON path.</summary>
public sealed class TokenizerException : Exception
{
    public TokenizerException(string message) : base(message) { }

    public TokenizerException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Builds "file: path message", e.g. "tokenizer.json: model.vocab is missing".</summary>
    public static TokenizerException At(string file, string jsonPath, string problem) => new($"{file}: {jsonPath} {problem}");
}
