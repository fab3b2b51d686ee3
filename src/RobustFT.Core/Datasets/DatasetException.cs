namespace RobustFT.Core.Datasets;

/// <summary>An input file cannot be read at all (missing, unreadable, unsupported format, missing header column).
/// The message names the file and, where relevant, the line and column.</summary>
public sealed class DatasetException : Exception
{
    public DatasetException(string message) : base(message) { }

    public DatasetException(string message, Exception inner) : base(message, inner) { }
}
