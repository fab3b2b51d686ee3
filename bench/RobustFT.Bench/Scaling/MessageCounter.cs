using System.Collections.Concurrent;
using MassTransit;

namespace RobustFT.Bench.Scaling;

/// <summary>Counts the messages a set of buses put on the broker (published or sent; a message both published and seen
/// by the send observers counts once, by message id) and the deliveries they consumed, per message type. Connect it
/// to every node's bus. Consumes of <c>Batch&lt;T&gt;</c> (the GPU workers' batch envelope) are counted apart: each
/// message in a batch is already counted as its own consume.</summary>
public sealed class MessageCounter : IPublishObserver, ISendObserver, IConsumeObserver
{
    private readonly ConcurrentDictionary<Guid, byte> _outgoing = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private long _outgoingWithoutId;

    /// <summary>Distinct messages published or sent.</summary>
    public long Outgoing => _outgoing.Count + Interlocked.Read(ref _outgoingWithoutId);

    /// <summary>Deliveries consumed (batch envelopes excluded).</summary>
    public long Consumed => _counts.Where(kv => kv.Key.StartsWith("consume:", StringComparison.Ordinal)).Sum(kv => kv.Value);

    /// <summary>Counts per <c>channel:MessageType</c> (channels: publish, send, consume, batch-consume, fault).</summary>
    public IReadOnlyDictionary<string, long> Counts => new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);

    public void ConnectTo(IBus bus)
    {
        bus.ConnectPublishObserver(this);
        bus.ConnectSendObserver(this);
        bus.ConnectConsumeObserver(this);
    }

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        RecordOutgoing(context.MessageId, "publish", typeof(T));
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Count("fault", typeof(T));

    public Task PreSend<T>(SendContext<T> context) where T : class => Task.CompletedTask;

    public Task PostSend<T>(SendContext<T> context) where T : class
    {
        RecordOutgoing(context.MessageId, "send", typeof(T));
        return Task.CompletedTask;
    }

    public Task SendFault<T>(SendContext<T> context, Exception exception) where T : class => Count("fault", typeof(T));

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class =>
        Count(typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(Batch<>) ? "batch-consume" : "consume", typeof(T));

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Count("fault", typeof(T));

    private void RecordOutgoing(Guid? messageId, string channel, Type type)
    {
        Count(channel, type);
        if (messageId is { } id) _outgoing.TryAdd(id, 0);
        else Interlocked.Increment(ref _outgoingWithoutId);
    }

    private Task Count(string channel, Type type)
    {
        _counts.AddOrUpdate($"{channel}:{Name(type)}", 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    private static string Name(Type type) =>
        type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(",", type.GetGenericArguments().Select(Name))}>" : type.Name;
}
