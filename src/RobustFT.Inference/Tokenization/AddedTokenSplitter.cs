namespace RobustFT.Inference.Tokenization;

/// <summary>
/// Splits added tokens out of text, leftmost-longest like the Hugging Face added vocabulary, honouring
/// <c>lstrip</c>/<c>rstrip</c> (the whitespace beside the token is absorbed) and <c>single_word</c>.
/// </summary>
public sealed class AddedTokenSplitter
{
    private readonly Dictionary<char, AddedToken[]> _byFirstChar;

    public AddedTokenSplitter(IEnumerable<AddedToken> tokens)
    {
        _byFirstChar = tokens
            .Where(t => t.Content.Length > 0)
            .GroupBy(t => t.Content[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Content.Length).ToArray());
    }

    public bool IsEmpty => _byFirstChar.Count == 0;

    /// <summary>Splits <paramref name="text"/>; plain pieces keep their text, matched tokens carry their id.</summary>
    public List<TextSegment> Split(string text)
    {
        var result = new List<TextSegment>();
        if (IsEmpty)
        {
            if (text.Length > 0) result.Add(TextSegment.Plain(text));
            return result;
        }

        int plainStart = 0;
        int i = 0;
        while (i < text.Length)
        {
            var match = MatchAt(text, i);
            if (match is null)
            {
                i++;
                continue;
            }

            int start = i;
            int end = i + match.Content.Length;
            if (match.LStrip)
            {
                while (start > plainStart && char.IsWhiteSpace(text[start - 1])) start--;
            }

            if (match.RStrip)
            {
                while (end < text.Length && char.IsWhiteSpace(text[end])) end++;
            }

            if (start > plainStart) result.Add(TextSegment.Plain(text[plainStart..start]));
            result.Add(new TextSegment(match.Content, match.Id));
            plainStart = end;
            i = end;
        }

        if (plainStart < text.Length) result.Add(TextSegment.Plain(text[plainStart..]));
        return result;
    }

    private AddedToken? MatchAt(string text, int index)
    {
        if (!_byFirstChar.TryGetValue(text[index], out var candidates)) return null;
        foreach (var token in candidates)
        {
            if (!text.AsSpan(index).StartsWith(token.Content, StringComparison.Ordinal)) continue;
            if (token.SingleWord && !IsWholeWord(text, index, index + token.Content.Length)) continue;
            return token;
        }

        return null;
    }

    private static bool IsWholeWord(string text, int start, int end)
    {
        bool beforeOk = start == 0 || !IsWordChar(text[start - 1]);
        bool afterOk = end >= text.Length || !IsWordChar(text[end]);
        return beforeOk && afterOk;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
