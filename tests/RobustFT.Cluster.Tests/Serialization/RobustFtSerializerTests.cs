using System.Runtime.Serialization;
using System.Text;
using Akka.TestKit.Xunit2;
using RobustFT.Cluster.Contracts;
using RobustFT.Cluster.Runs;
using RobustFT.Cluster.Runs.Events;
using RobustFT.Cluster.Samples.Events;
using RobustFT.Cluster.Serialization;
using Xunit.Abstractions;

namespace RobustFT.Cluster.Tests.Serialization;

/// <summary>The project's serializer as the actor system finds it with the shipped bindings: every registered type reads
/// back equal (NaN and infinities included), every type bound to it has a manifest, and unknown manifests and unregistered
/// types fail naming them.</summary>
public sealed class RobustFtSerializerTests(ITestOutputHelper output) : TestKit(SerializationHocon.Shipped, output: output)
{
    public static TheoryData<object> Examples()
    {
        var data = new TheoryData<object>();
        foreach (var example in MessageExamples.All) data.Add(example);
        return data;
    }

    /// <summary>The project's serializer as the actor system holds it.</summary>
    private RobustFtSerializer Serializer => (RobustFtSerializer)Sys.Serialization.FindSerializerFor(new StartSample("r", "s"));

    private object RoundTrip(object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<RobustFtSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        return Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void A_registered_message_goes_through_the_project_serializer_and_reads_back_equal(object message)
    {
        var back = RoundTrip(message);

        Assert.IsType(message.GetType(), back);
        Assert.Equivalent(message, back, strict: true);
    }

    [Fact]
    public void The_examples_cover_every_registered_type()
    {
        var covered = MessageExamples.All.Select(m => m.GetType()).ToHashSet();
        var missing = RobustFtManifests.Registry.Entries.Where(e => !covered.Contains(e.Type)).Select(e => e.Manifest).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_type_of_the_cluster_assembly_bound_to_the_project_serializer_has_a_manifest()
    {
        var bindings = Sys.Settings.Config.GetConfig("akka.actor.serialization-bindings").AsEnumerable()
            .Where(b => b.Value.GetString() == "robustft")
            .Select(b => Type.GetType(b.Key, throwOnError: true)!)
            .ToList();
        Assert.Contains(typeof(IRobustFtMessage), bindings);

        var bound = typeof(RobustFtSerializer).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && bindings.Any(b => b.IsAssignableFrom(t)))
            .ToList();

        Assert.Contains(typeof(GenerateRequest), bound);
        Assert.Empty(bound.Where(t => !RobustFtManifests.Registry.Contains(t)).Select(t => t.FullName));
        Assert.Empty(RobustFtManifests.Registry.Entries.Where(e => !bindings.Any(b => b.IsAssignableFrom(e.Type))).Select(e => e.Manifest));
    }

    [Fact]
    public void Manifests_stored_in_journals_never_change()
    {
        var manifests = RobustFtManifests.Registry.Entries.ToDictionary(e => e.Type, e => e.Manifest);

        Assert.Equal("sample-started", manifests[typeof(SampleStarted)]);
        Assert.Equal("generation-recorded", manifests[typeof(GenerationRecorded)]);
        Assert.Equal("embedding-recorded", manifests[typeof(EmbeddingRecorded)]);
        Assert.Equal("index-released", manifests[typeof(IndexReleased)]);
        Assert.Equal("neighbours-recorded", manifests[typeof(NeighboursRecorded)]);
        Assert.Equal("selection-recorded", manifests[typeof(SelectionRecorded)]);
        Assert.Equal("run-phase-advanced", manifests[typeof(RunPhaseAdvanced)]);
        Assert.Equal("threshold-decided", manifests[typeof(ThresholdDecided)]);
    }

    [Fact]
    public void NaN_and_infinities_read_back_bit_for_bit()
    {
        double[] doubles = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, 0.1 + 0.2];
        float[] floats = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0.0f, float.Epsilon, 1f / 3f];

        foreach (var d in doubles)
        {
            var back = (SelectionRecorded)RoundTrip(new SelectionRecorded(1, true, d));
            Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits(back.Threshold));
            Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits(((ThresholdDecided)RoundTrip(new ThresholdDecided(d))).Threshold));
        }
        var vector = ((EmbeddingRecorded)RoundTrip(new EmbeddingRecorded(floats, null))).Vector;
        Assert.Equal(floats.Select(BitConverter.SingleToInt32Bits), vector.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void An_unknown_manifest_fails_with_an_error_naming_it()
    {
        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary("{}"u8.ToArray(), "sample-teleported"));

        Assert.Contains("'sample-teleported'", error.Message);
    }

    [Fact]
    public void A_bound_type_without_a_manifest_fails_with_an_error_naming_the_type()
    {
        var error = Assert.Throws<SerializationException>(() => Serializer.ToBinary(new UnregisteredMessage("x")));

        Assert.Contains(typeof(UnregisteredMessage).FullName!, error.Message);
        Assert.Contains(nameof(RobustFtManifests), error.Message);
    }

    [Fact]
    public void A_payload_that_does_not_fit_its_manifest_fails_with_an_error_naming_the_manifest()
    {
        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary("{\"rank\":\"high\"}"u8.ToArray(), "selection-recorded"));

        Assert.Contains("'selection-recorded'", error.Message);
    }

    [Fact]
    public void A_reader_skips_fields_it_does_not_know_and_defaults_the_ones_that_are_missing()
    {
        var newer = """{"rank":4,"selected":true,"threshold":"Infinity","reviewedBy":"a later version"}""";
        var older = """{"phase":"Detecting"}""";

        Assert.Equal(new SelectionRecorded(4, true, double.PositiveInfinity), Serializer.FromBinary(Encoding.UTF8.GetBytes(newer), "selection-recorded"));
        Assert.Equal(new RunPhaseAdvanced(RunPhase.Detecting), Serializer.FromBinary(Encoding.UTF8.GetBytes(older), "run-phase-advanced"));
    }

    [Fact]
    public void A_vector_written_as_json_numbers_reads_like_its_compact_form()
    {
        var numbers = """{"vector":[0.5,-0.25,"NaN"],"error":null}""";

        var back = (EmbeddingRecorded)Serializer.FromBinary(Encoding.UTF8.GetBytes(numbers), "embedding-recorded");

        Assert.Equal([0.5f, -0.25f, float.NaN], back.Vector);
    }

    [Fact]
    public void The_registry_refuses_a_manifest_given_twice()
    {
        var error = Assert.Throws<ArgumentException>(() => new ManifestRegistry(
            [new ManifestEntry("start-sample", typeof(StartSample)), new ManifestEntry("start-sample", typeof(IndexReady))]));

        Assert.Contains("'start-sample'", error.Message);
    }

    /// <summary>A message bound to the serializer (through the marker) that nobody registered.</summary>
    private sealed record UnregisteredMessage(string Text) : IRobustFtMessage;
}
