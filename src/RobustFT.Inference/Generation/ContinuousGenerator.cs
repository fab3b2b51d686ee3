using RobustFT.Inference.Tokenization;

namespace RobustFT.Inference.Generation;

/// <summary>Continuous batching over one model: callers submit requests at any time and await their own result; one
/// background decode loop owns the <see cref="IDecoderStep"/> and runs the <see cref="BatchGenerator"/>'s scheduling
/// loop over the submissions, so at most <see cref="GeneratorSettings.MaxRunningRows"/> rows (0: no limit) decode
/// together and a submission joins the running batch as soon as there is room or a row finishes (prefilled alone and
/// spliced in where the step can splice its cache, the batch recomputed otherwise). Each result is that of the request
/// generated alone; <see cref="Abstractions.GenerationOptions.ScoreAlone"/> is honoured before a result is handed back.
/// A cancelled submission leaves the batch without disturbing the others; a failure of the loop faults the submissions
/// it was decoding (naming the cause) and the loop goes on serving the rest.</summary>
public sealed class ContinuousGenerator : IDisposable
{
    private readonly BatchGenerator _generator;
    private readonly GeneratorSettings _settings;
    private readonly SubmissionQueue _queue = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread _loop;
    private int _disposed;

    public ContinuousGenerator(IDecoderStep step, ITokenizer tokenizer, GeneratorSettings settings, string name = "generator")
    {
        _settings = settings;
        _generator = new BatchGenerator(step, tokenizer, settings);
        _loop = new Thread(Loop) { IsBackground = true, Name = $"decode loop ({name})" };
        _loop.Start();
    }

    public GeneratorCounters Counters => _generator.Counters;

    /// <summary>Generates <paramref name="prompt"/> in the running batch. Cancelling <paramref name="cancellationToken"/>
    /// cancels this submission only.</summary>
    public Task<GeneratedSequence> SubmitAsync(GenerationPrompt prompt, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<GeneratedSequence>(cancellationToken);
        if (_generator.Immediate(prompt) is { } immediate) return Task.FromResult(immediate);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _queue.Add(new GenerationRow(0, prompt) { Cancellation = cancellationToken });
    }

    private void Loop()
    {
        var capacity = _settings.MaxRunningRows > 0 ? _settings.MaxRunningRows : int.MaxValue;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                _generator.Run(_queue, capacity, admitsMidBatch: true, _stopping.Token);
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _queue.FaultTaken(new InvalidOperationException($"the decode loop failed while this request was in its batch: {e.Message}", e));
            }
        }
    }

    /// <summary>Stops the loop; submissions not answered yet are cancelled.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stopping.Cancel();
        _queue.Close();
        _loop.Join();
        _stopping.Dispose();
    }
}
