using RobustFT.Core.Method;

namespace RobustFT.Core.Tests.Method;

public class TokenEntropyTests
{
    [Fact]
    public void EntropyIsTheNegativeMeanLogprob() =>
        Assert.Equal(1.0, TokenEntropy.FromLogprobs([-0.5f, -1.5f]), 6);

    [Fact]
    public void CertainTokensHaveZeroEntropy() => Assert.Equal(0.0, TokenEntropy.FromLogprobs([0f, 0f, 0f]));

    [Fact]
    public void AResponseWithoutTokensHasNoEntropy() =>
        Assert.Throws<ArgumentException>(() => TokenEntropy.FromLogprobs([]));

    [Theory]
    [InlineData(0.1234564999, 0.123456)]
    [InlineData(0.1234565001, 0.123457)]
    [InlineData(1.9999999, 2.0)]
    public void Entropies_are_rounded_to_six_decimals(double entropy, double rounded) =>
        Assert.Equal(rounded, TokenEntropy.Round(entropy));

    [Fact]
    public void The_rounded_entropy_prints_at_six_decimals_at_most() =>
        Assert.Equal("0.366667", TokenEntropy.Rounded([-0.2f, -0.4f, -0.5f]).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
}
