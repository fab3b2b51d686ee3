namespace RobustFT.Configuration.Model;

/// <summary>An object: fields in the order they were first defined.</summary>
public sealed class HoconObject : HoconValue
{
    private readonly OrderedDictionary<string, HoconValue> _fields;

    public HoconObject(IEnumerable<KeyValuePair<string, HoconValue>> fields, HoconOrigin origin)
        : base(origin)
    {
        _fields = new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            _fields[key] = value;
        }

        IsResolved = _fields.Values.All(v => v.IsResolved);
    }

    public static HoconObject Empty(HoconOrigin origin) => new([], origin);

    public IReadOnlyDictionary<string, HoconValue> Fields => _fields;

    public IEnumerable<string> Keys => _fields.Keys;

    public int Count => _fields.Count;

    public override bool IsResolved { get; }

    internal override string KindName => "object";

    public bool TryGetValue(string key, out HoconValue value) => _fields.TryGetValue(key, out value!);

    /// <summary>The value at a path expression such as <c>robustft.method.beta</c>, or null when absent.</summary>
    public HoconValue? Find(string path) => Find(HoconPath.Parse(path));

    public HoconValue? Find(HoconPath path)
    {
        HoconValue current = this;
        foreach (var segment in path.Segments)
        {
            if (current is not HoconObject obj || !obj.TryGetValue(segment, out current))
            {
                return null;
            }
        }

        return current;
    }
}
