using RobustFT.Configuration.Units;

namespace RobustFT.Configuration.Tests.Units;

public class HoconSizeTests
{
    [Theory]
    [InlineData("512K", 512L * 1024)]
    [InlineData("512k", 512L * 1024)]
    [InlineData("10 MiB", 10L * 1024 * 1024)]
    [InlineData("1GB", 1_000_000_000L)]
    [InlineData("5 kB", 5_000L)]
    [InlineData("2 gibibytes", 2L * 1024 * 1024 * 1024)]
    [InlineData("1.5M", 1_572_864L)]
    [InlineData("100", 100L)]
    [InlineData("64 bytes", 64L)]
    [InlineData("1 TB", 1_000_000_000_000L)]
    public void Sizes_use_powers_of_two_for_binary_units_and_powers_of_ten_for_decimal_ones(string text, long bytes)
    {
        Assert.Equal(bytes, HoconSize.Parse(text));
    }

    [Theory]
    [InlineData("10 KB")]
    [InlineData("lots")]
    [InlineData("100 YiB")]
    public void Unknown_units_and_sizes_beyond_a_long_are_rejected(string text)
    {
        Assert.Throws<FormatException>(() => HoconSize.Parse(text));
    }
}
