namespace Realign.Assist.Builtin;

/// <summary>Functions computed with IEEE basic operations only, so every machine gets the same bits.</summary>
/// <remarks><see cref="Math.Log(double)"/> may differ in its last bit between platforms and runtimes; a ranking built
/// on it could then order near-ties differently on another machine.</remarks>
internal static class DeterministicMath
{
    private const double Ln2 = 0.6931471805599453;
    private const double Sqrt2 = 1.4142135623730951;

    /// <summary>The natural logarithm of a positive finite <paramref name="x"/> (within a few ulps of the true value).</summary>
    public static double Ln(double x)
    {
        if (!double.IsFinite(x) || x <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "the logarithm is taken of positive finite numbers only");
        }

        // x = m * 2^e with m in [sqrt(1/2), sqrt(2)); scaling by powers of two is exact.
        var e = Math.ILogB(x);
        var m = Math.ScaleB(x, -e);
        if (m > Sqrt2)
        {
            m /= 2;
            e++;
        }

        // ln(m) = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), |s| <= 0.1716, so 20 terms are far below one ulp.
        var s = (m - 1) / (m + 1);
        var s2 = s * s;
        var term = s;
        var sum = 0.0;
        for (var k = 1; k <= 41; k += 2)
        {
            sum += term / k;
            term *= s2;
        }

        return (2 * sum) + (e * Ln2);
    }
}
