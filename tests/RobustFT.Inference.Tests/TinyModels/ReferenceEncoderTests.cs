using RobustFT.Inference.TinyModels;

namespace RobustFT.Inference.Tests.TinyModels;

public sealed class ReferenceEncoderTests
{
    [Fact]
    public void Right_padding_leaves_the_hidden_states_of_real_tokens_unchanged()
    {
        var encoder = new ReferenceEncoder(TinyEncoderWeights.Create(TinyEncoderSpec.Default, 1234));
        var hidden = TinyEncoderSpec.Default.Hidden;

        var alone = encoder.Forward([2, 50, 60, 3], [1, 1, 1, 1], 1);
        var padded = encoder.Forward([2, 50, 60, 3, 0, 0], [1, 1, 1, 1, 0, 0], 1);

        for (var i = 0; i < 4 * hidden; i++) Assert.Equal(alone[i], padded[i], 1e-5);
        Assert.Contains(alone, v => Math.Abs(v) > 0.1f);
    }
}
