namespace RobustFT.Configuration;

/// <summary>Base of every error raised while reading HOCON.</summary>
public abstract class HoconException : Exception
{
    protected HoconException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
