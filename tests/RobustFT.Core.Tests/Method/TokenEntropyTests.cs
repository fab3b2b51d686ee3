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
    [InlineData(0.12344999, 0.1234)]
    [InlineData(0.12345001, 0.1235)]
    [InlineData(1.99999, 2.0)]
    public void Entropies_are_rounded_to_four_decimals(double entropy, double rounded) =>
        Assert.Equal(rounded, TokenEntropy.Round(entropy));

    [Fact]
    public void The_rounded_entropy_prints_at_four_decimals_at_most() =>
        Assert.Equal("0.3667", TokenEntropy.Rounded([-0.2f, -0.4f, -0.5f]).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
}
