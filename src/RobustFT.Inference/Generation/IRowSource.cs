namespace RobustFT.Inference.Generation;

/// <summary>Where the generator's scheduling loop (<see cref="BatchGenerator"/>) draws its requests from and hands
/// finished ones back: a fixed list (one <see cref="BatchGenerator.Generate"/> call) or the submissions of a
/// <see cref="ContinuousGenerator"/>, which keep arriving while the loop runs.</summary>
internal interface IRowSource
{
    /// <summary>Whether a request waits to be admitted now.</summary>
    bool HasWaiting { get; }

    /// <summary>The next waiting request, if any.</summary>
    bool TryTake(out GenerationRow row);

    /// <summary>Blocks until a request waits (true) or none will ever come again (false).</summary>
    bool WaitForRows(CancellationToken cancellationToken);

    /// <summary>A taken request is done (finished, or cancelled by its submitter: <see cref="GenerationRow.Abandoned"/>).</summary>
    void Complete(GenerationRow row, GeneratedSequence result);
}
