namespace RobustFT.Core.Evaluation;

/// <summary>Accuracy of the rows of one category (empty name: rows without one).</summary>
public sealed record CategoryScore(string Category, int Correct, int Total)
{
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
}
