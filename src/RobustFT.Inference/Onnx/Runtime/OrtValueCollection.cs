using System.Collections;

namespace RobustFT.Inference.Onnx.Runtime;

/// <summary>The outputs of one run, in the order asked for; disposing it disposes every value.</summary>
public sealed class OrtValueCollection : IReadOnlyList<OrtValue>, IDisposable
{
    private readonly OrtValue[] _values;
    private readonly string[] _names;

    internal OrtValueCollection(string[] names, OrtValue[] values)
    {
        _names = names;
        _values = values;
    }

    /// <summary>Output names, parallel to the values.</summary>
    public IReadOnlyList<string> Names => _names;

    public int Count => _values.Length;

    public OrtValue this[int index] => _values[index];

    /// <summary>The output called <paramref name="name"/>.</summary>
    public OrtValue this[string name]
    {
        get
        {
            var index = Array.IndexOf(_names, name);
            if (index < 0)
            {
                throw new KeyNotFoundException($"No output '{name}' in this result (outputs: {string.Join(", ", _names)}).");
            }

            return _values[index];
        }
    }

    public IEnumerator<OrtValue> GetEnumerator() => ((IEnumerable<OrtValue>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        foreach (var value in _values)
        {
            value.Dispose();
        }
    }
}
