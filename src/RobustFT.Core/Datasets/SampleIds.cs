using System.Security.Cryptography;
using System.Text;

namespace RobustFT.Core.Datasets;

/// <summary>Ids of rows that have none: derived from the question and the options only (never the answer), so a noisy
/// file and its clean counterpart give every row the same id, on any machine and in any run.</summary>
public static class SampleIds
{
    public static string FromContent(string question, IReadOnlyList<string> options)
    {
        var text = new StringBuilder(question);
        foreach (var option in options) text.Append('\u001f').Append(option);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return "s-" + Convert.ToHexStringLower(hash)[..12];
    }
}
