namespace RobustFT.Inference.Embedding;

/// <summary>L2 normalisation; a zero vector stays zero.</summary>
public static class VectorNormalization
{
    public static float[] L2Normalize(ReadOnlySpan<float> vector)
    {
        double squares = 0;
        foreach (var v in vector) squares += (double)v * v;
        var result = vector.ToArray();
        if (squares == 0) return result;
        var inverse = 1 / Math.Sqrt(squares);
        for (var i = 0; i < result.Length; i++) result[i] = (float)(result[i] * inverse);
        return result;
    }
}
