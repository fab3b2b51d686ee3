namespace RobustFT.Core.Method;

/// <summary>The outcome of global entropy selection: the β-quantile threshold, and each sample's 1-based rank
/// (ascending entropy, ties by sample id) and whether it is kept.</summary>
public sealed record SelectionResult(double Threshold, IReadOnlyDictionary<string, SelectionDecision> Decisions)
{
    public int SelectedCount => Decisions.Values.Count(d => d.Selected);
}

public readonly record struct SelectionDecision(int Rank, bool Selected);
