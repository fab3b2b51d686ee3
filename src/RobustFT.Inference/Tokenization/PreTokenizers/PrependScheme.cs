namespace RobustFT.Inference.Tokenization.PreTokenizers;

/// <summary>When Metaspace prepends its replacement char: always, only at the start of the input, or never.</summary>
public enum PrependScheme
{
    Always,
    First,
    Never,
}
