using System.Collections.Concurrent;
using System.Text;

namespace RobustFT.Inference.Tokenization.Models;

/// <summary>
/// <c>BPE</c>: splits a piece into characters (code points) and merges adjacent pairs by rank (lowest first, leftmost on
/// ties). Supports <c>ignore_merges</c>, <c>byte_fallback</c> (<c>&lt;0xXX&gt;</c> tokens), <c>unk_token</c> with
/// <c>fuse_unk</c>, <c>continuing_subword_prefix</c> and <c>end_of_word_suffix</c>. Results are cached per piece.
/// </summary>
public sealed class BpeModel : ITokenizerModel
{
    private const int MaxCacheEntries = 200_000;

    private readonly Vocabulary _vocab;
    private readonly Dictionary<long, (int Rank, int NewId)> _merges;
    private readonly int? _unkId;
    private readonly bool _fuseUnk;
    private readonly bool _byteFallback;
    private readonly bool _ignoreMerges;
    private readonly string _prefix;
    private readonly string _suffix;
    private readonly int[]? _byteTokenIds;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    /// <param name="location">Where the model comes from, for errors, e.g. "/models/x/tokenizer.json: model".</param>
    public BpeModel(Vocabulary vocab, IReadOnlyList<(string Left, string Right)> merges, BpeOptions options, string location = "tokenizer.json: model")
    {
        _vocab = vocab;
        _fuseUnk = options.FuseUnk;
        _byteFallback = options.ByteFallback;
        _ignoreMerges = options.IgnoreMerges;
        _prefix = options.ContinuingSubwordPrefix ?? "";
        _suffix = options.EndOfWordSuffix ?? "";
        if (options.UnkToken is not null)
        {
            _unkId = vocab.TokenToId(options.UnkToken)
                ?? throw new TokenizerException($"{location}.unk_token '{options.UnkToken}' is not in the vocab");
        }

        _merges = new Dictionary<long, (int, int)>(merges.Count);
        for (int rank = 0; rank < merges.Count; rank++)
        {
            var (left, right) = merges[rank];
            if (!vocab.TryGetId(left, out var a) || !vocab.TryGetId(right, out var b))
            {
                throw new TokenizerException($"{location}.merges[{rank}] '{left} {right}' uses a token missing from the vocab");
            }

            string merged = left + (_prefix.Length > 0 && right.StartsWith(_prefix, StringComparison.Ordinal) ? right[_prefix.Length..] : right);
            if (!vocab.TryGetId(merged, out var newId))
            {
                throw new TokenizerException($"{location}.merges[{rank}] result '{merged}' is not in the vocab");
            }

            _merges.TryAdd(Key(a, b), (rank, newId));
        }

        if (_byteFallback)
        {
            _byteTokenIds = new int[256];
            for (int i = 0; i < 256; i++) _byteTokenIds[i] = vocab.TokenToId($"<0x{i:X2}>") ?? -1;
        }
    }

    public int VocabSize => _vocab.Count;

    public int? TokenToId(string token) => _vocab.TokenToId(token);

    public string? IdToToken(int id) => _vocab.IdToToken(id);

    public void Tokenize(string piece, List<int> ids)
    {
        if (piece.Length == 0) return;
        if (_cache.TryGetValue(piece, out var cached))
        {
            ids.AddRange(cached);
            return;
        }

        var result = TokenizeUncached(piece);
        if (_cache.Count < MaxCacheEntries) _cache.TryAdd(piece, result);
        ids.AddRange(result);
    }

    private int[] TokenizeUncached(string piece)
    {
        if (_ignoreMerges && _vocab.TryGetId(piece, out var whole)) return [whole];

        var symbols = InitialSymbols(piece);
        ApplyMerges(symbols);
        return [.. symbols];
    }

    /// <summary>One id per code point (prefix/suffix applied); unknown chars become byte tokens or (fused) unk.</summary>
    private List<int> InitialSymbols(string piece)
    {
        var symbols = new List<int>(piece.Length);
        bool lastWasUnk = false;
        int i = 0;
        var sb = new StringBuilder();
        while (i < piece.Length)
        {
            int width = char.IsSurrogatePair(piece, i) ? 2 : 1;
            bool first = i == 0;
            bool last = i + width == piece.Length;
            sb.Clear();
            if (!first) sb.Append(_prefix);
            sb.Append(piece, i, width);
            if (last) sb.Append(_suffix);

            if (_vocab.TryGetId(sb.ToString(), out var id))
            {
                symbols.Add(id);
                lastWasUnk = false;
            }
            else if (_byteFallback && TryAddBytes(piece.AsSpan(i, width), symbols))
            {
                lastWasUnk = false;
            }
            else if (_unkId is int unk)
            {
                if (!(_fuseUnk && lastWasUnk)) symbols.Add(unk);
                lastWasUnk = true;
            }

            i += width;
        }

        return symbols;
    }

    private bool TryAddBytes(ReadOnlySpan<char> chars, List<int> symbols)
    {
        Span<byte> bytes = stackalloc byte[8];
        int n = Encoding.UTF8.GetBytes(chars, bytes);
        for (int k = 0; k < n; k++)
        {
            if (_byteTokenIds![bytes[k]] < 0) return false;
        }

        for (int k = 0; k < n; k++) symbols.Add(_byteTokenIds![bytes[k]]);
        return true;
    }

    /// <summary>Merges pairs lowest rank first (leftmost on ties) with a priority queue over a linked list of symbols,
    /// as Hugging Face does: O(n log n), so long pieces (SentencePiece models have no pre-tokenizer) stay fast.</summary>
    private void ApplyMerges(List<int> symbols)
    {
        int n = symbols.Count;
        if (n < 2) return;
        var ids = symbols.ToArray();
        var next = new int[n];
        var prev = new int[n];
        for (int i = 0; i < n; i++)
        {
            next[i] = i + 1 < n ? i + 1 : -1;
            prev[i] = i - 1;
        }

        var queue = new PriorityQueue<(int Left, int Right, int LeftId, int RightId, int NewId), (int Rank, int Pos)>();
        for (int i = 0; i + 1 < n; i++) Enqueue(queue, ids, i, i + 1);

        while (queue.TryDequeue(out var m, out _))
        {
            // Skip stale candidates: either side was merged away or changed since the pair was queued.
            if (ids[m.Left] != m.LeftId || next[m.Left] != m.Right || ids[m.Right] != m.RightId) continue;
            ids[m.Left] = m.NewId;
            ids[m.Right] = -1;
            int after = next[m.Right];
            next[m.Left] = after;
            if (after >= 0) prev[after] = m.Left;
            next[m.Right] = -1;
            if (prev[m.Left] >= 0) Enqueue(queue, ids, prev[m.Left], m.Left);
            if (after >= 0) Enqueue(queue, ids, m.Left, after);
        }

        symbols.Clear();
        for (int i = 0; i >= 0; i = next[i]) symbols.Add(ids[i]);
    }

    private void Enqueue(
        PriorityQueue<(int Left, int Right, int LeftId, int RightId, int NewId), (int Rank, int Pos)> queue, int[] ids, int left, int right)
    {
        if (_merges.TryGetValue(Key(ids[left], ids[right]), out var merge))
        {
            queue.Enqueue((left, right, ids[left], ids[right], merge.NewId), (merge.Rank, left));
        }
    }

    private static long Key(int a, int b) => ((long)a << 32) | (uint)b;
}
