using RobustFT.Configuration.Tests.Support;
using RobustFT.Configuration.Units;

namespace RobustFT.Configuration.Tests.Units;

public class HoconDurationTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("500 ms", 500)]
    [InlineData("2 minutes", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5d", 129_600_000)]
    [InlineData("  20ms  ", 20)]
    [InlineData("250", 250)]
    [InlineData("3 seconds", 3_000)]
    public void Durations_with_units_convert_to_time_spans(string text, long milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), HoconDuration.Parse(text));
    }

    [Fact]
    public void Sub_millisecond_units_keep_their_precision_down_to_a_tick()
    {
        Assert.Equal(TimeSpan.FromTicks(15), HoconDuration.Parse("1500ns"));
        Assert.Equal(TimeSpan.FromTicks(20), HoconDuration.Parse("2us"));
    }

    [Theory]
    [InlineData("10 S")]
    [InlineData("ten seconds")]
    [InlineData("10 fortnights")]
    [InlineData("")]
    public void Unknown_or_uppercase_units_and_non_numbers_are_rejected(string text)
    {
        var ex = Assert.Throws<FormatException>(() => HoconDuration.Parse(text));
        Assert.Contains($"'{text}'", ex.Message);
    }

    [Fact]
    public void A_number_value_is_taken_as_milliseconds_and_a_string_value_is_parsed()
    {
        var root = Hocon.Resolve("a = 1500\nb = 20ms\nc = 2 minutes");

        Assert.Equal(TimeSpan.FromMilliseconds(1500), HoconDuration.Parse(root.At("a")));
        Assert.Equal(TimeSpan.FromMilliseconds(20), HoconDuration.Parse(root.At("b")));
        Assert.Equal(TimeSpan.FromMinutes(2), HoconDuration.Parse(root.At("c")));
    }
}
