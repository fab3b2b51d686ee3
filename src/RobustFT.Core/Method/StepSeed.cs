using System.Security.Cryptography;
using System.Text;

namespace RobustFT.Core.Method;

/// <summary>Per-(run seed, sample, step) sampling seeds: a rerun reproduces every completion, on any machine.</summary>
public static class StepSeed
{
    public static long For(long seed, string sampleId, string step)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\u001f{sampleId}\u001f{step}"));
        return BitConverter.ToInt64(hash, 0) & long.MaxValue;
    }
}
