namespace RobustFT.Core.Randomness;

/// <summary>SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator whose sequence is fixed by its definition,
/// unlike <see cref="System.Random"/>, so demo data, tiny-model weights and seeded sampling are the same on every
/// runtime and machine.</summary>
public sealed class SplitMix64(long seed)
{
    private ulong _state = unchecked((ulong)seed);

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, maxExclusive).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(NextUInt64() % (ulong)maxExclusive);
    }

    /// <summary>Uniform in [min, maxInclusive].</summary>
    public int Next(int min, int maxInclusive) => min + Next(maxInclusive - min + 1);

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [-scale, scale).</summary>
    public float NextSymmetric(float scale) => (float)((NextDouble() * 2 - 1) * scale);
}
