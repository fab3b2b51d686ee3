namespace RobustFT.Inference.Tokenization;

/// <summary>GPT-2's reversible byte ↔ printable-unicode-char table used by byte-level BPE.</summary>
public static class ByteUnicodeTable
{
    private static readonly char[] ByteToCharTable = Build();
    private static readonly short[] CharToByteTable = BuildReverse(ByteToCharTable);

    public static char ByteToChar(byte b) => ByteToCharTable[b];

    public static bool TryCharToByte(char c, out byte b)
    {
        short value = c < CharToByteTable.Length ? CharToByteTable[c] : (short)-1;
        b = (byte)Math.Max(value, (short)0);
        return value >= 0;
    }

    private static short[] BuildReverse(char[] table)
    {
        var reverse = new short[table.Max() + 1];
        Array.Fill(reverse, (short)-1);
        for (int b = 0; b < table.Length; b++) reverse[table[b]] = (short)b;
        return reverse;
    }

    private static char[] Build()
    {
        var table = new char[256];
        var printable = new bool[256];
        for (int b = '!'; b <= '~'; b++) printable[b] = true;
        for (int b = 0xA1; b <= 0xAC; b++) printable[b] = true;
        for (int b = 0xAE; b <= 0xFF; b++) printable[b] = true;
        int n = 0;
        for (int b = 0; b < 256; b++)
        {
            table[b] = printable[b] ? (char)b : (char)(256 + n++);
        }

        return table;
    }
}
