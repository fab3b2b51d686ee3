namespace RobustFT.Inference.Backends;

/// <summary>What <c>robustft models check DIR</c> prints: the model file, kind ("decoder" | "encoder"), detected
/// layout, inputs and outputs (name: type[dims]), tokenizer, chat template and execution provider. <see cref="Problems"/>
/// lists what would stop a backend from loading the directory (empty when it is usable).</summary>
public sealed record ModelDirectoryReport(
    string Directory,
    string ModelFile,
    string Kind,
    string Layout,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    int? ModelVocabSize,
    int? ContextWindow,
    string? TokenizerKind,
    int? TokenizerVocabSize,
    string? ChatTemplate,
    string ExecutionProvider,
    IReadOnlyList<string> AvailableProviders,
    bool SmokeModel,
    IReadOnlyList<string> Problems)
{
    public bool Usable => Problems.Count == 0;
}
