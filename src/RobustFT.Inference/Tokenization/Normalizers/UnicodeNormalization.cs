using System.Runtime.InteropServices;
using System.Text;

namespace RobustFT.Inference.Tokenization.Normalizers;

/// <summary>
/// Unicode normalisation that also works when the process runs with <c>InvariantGlobalization</c> (this solution
/// does), where <see cref="string.Normalize(NormalizationForm)"/> returns non-ASCII text unchanged. In that case ICU's
/// <c>unorm2_normalize</c> is called directly from <c>libicuuc</c>; if neither works, a <see cref="NotSupportedException"/>
/// is thrown rather than silently leaving the text unnormalised.
/// </summary>
public static unsafe class UnicodeNormalization
{
    private static readonly Lazy<Icu?> LazyIcu = new(Icu.TryLoad);
    private static readonly bool RuntimeNormalizes = ProbeRuntime();

    /// <summary>True when some implementation is available (checked before a tokenizer that needs it is built).</summary>
    public static bool IsAvailable => RuntimeNormalizes || LazyIcu.Value is not null;

    public static string Normalize(string text, NormalizationForm form)
    {
        if (Ascii.IsValid(text)) return text;
        if (RuntimeNormalizes) return text.Normalize(form);
        var icu = LazyIcu.Value ?? throw new NotSupportedException(
            "Unicode normalisation (NFC/NFD/NFKC/NFKD) needs ICU: this process runs with InvariantGlobalization and libicuuc could not be loaded (apt-get install libicu72 or newer)");
        return icu.Normalize(text, form);
    }

    private static bool ProbeRuntime()
    {
        try
        {
            return "e\u0301".Normalize(NormalizationForm.FormC) == "\u00e9";
        }
        catch (PlatformNotSupportedException)
        {
            return false;
        }
    }

    private sealed class Icu
    {
        private readonly delegate* unmanaged<byte*, byte*, int, int*, nint> _getInstance;
        private readonly delegate* unmanaged<nint, char*, int, char*, int, int*, int> _normalize;
        private readonly Dictionary<NormalizationForm, nint> _instances = [];

        private Icu(nint getInstance, nint normalize)
        {
            _getInstance = (delegate* unmanaged<byte*, byte*, int, int*, nint>)getInstance;
            _normalize = (delegate* unmanaged<nint, char*, int, char*, int, int*, int>)normalize;
        }

        public static Icu? TryLoad()
        {
            foreach (var (library, suffix) in Candidates())
            {
                if (!NativeLibrary.TryLoad(library, out var handle)) continue;
                if (NativeLibrary.TryGetExport(handle, "unorm2_getInstance" + suffix, out var get)
                    && NativeLibrary.TryGetExport(handle, "unorm2_normalize" + suffix, out var norm))
                {
                    return new Icu(get, norm);
                }
            }

            return null;
        }

        public string Normalize(string text, NormalizationForm form)
        {
            nint instance = Instance(form);
            int capacity = text.Length * 4 + 16;
            while (true)
            {
                var buffer = new char[capacity];
                int error = 0;
                int length;
                fixed (char* src = text)
                fixed (char* dest = buffer)
                {
                    length = _normalize(instance, src, text.Length, dest, capacity, &error);
                }

                if (error == 15 /* U_BUFFER_OVERFLOW_ERROR */)
                {
                    capacity = length + 1;
                    continue;
                }

                if (error > 0) throw new InvalidOperationException($"ICU unorm2_normalize failed with error {error}");
                return new string(buffer, 0, length);
            }
        }

        private nint Instance(NormalizationForm form)
        {
            lock (_instances)
            {
                if (_instances.TryGetValue(form, out var cached)) return cached;
                string name = form is NormalizationForm.FormKC or NormalizationForm.FormKD ? "nfkc" : "nfc";
                int mode = form is NormalizationForm.FormC or NormalizationForm.FormKC ? 0 /* compose */ : 1 /* decompose */;
                var nameBytes = Encoding.ASCII.GetBytes(name + "\0");
                int error = 0;
                nint instance;
                fixed (byte* n = nameBytes)
                {
                    instance = _getInstance(null, n, mode, &error);
                }

                if (error > 0 || instance == 0) throw new InvalidOperationException($"ICU unorm2_getInstance({name}, {mode}) failed with error {error}");
                _instances[form] = instance;
                return instance;
            }
        }

        private static IEnumerable<(string Library, string Suffix)> Candidates()
        {
            var versions = new List<int>();
            foreach (var dir in new[] { "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib" })
            {
                if (!Directory.Exists(dir)) continue;
                foreach (var file in Directory.EnumerateFiles(dir, "libicuuc.so.*"))
                {
                    string name = Path.GetFileName(file);
                    if (name.Length <= "libicuuc.so.".Length) continue;
                    string tail = name["libicuuc.so.".Length..];
                    if (int.TryParse(tail.Split('.')[0], out var v) && !versions.Contains(v)) versions.Add(v);
                }
            }

            foreach (var v in versions.OrderDescending())
            {
                yield return ($"libicuuc.so.{v}", $"_{v}");
                yield return ($"libicuuc.so.{v}", "");
            }

            for (int v = 80; v >= 50; v--)
            {
                if (!versions.Contains(v)) yield return ($"libicuuc.so.{v}", $"_{v}");
            }
        }
    }
}
