namespace VerzuimBot.AppPackage.Icons;

/// <summary>
/// Draws VerzuimBot's two Teams icons from geometry (no image assets): a white check mark in a speech-bubble-like
/// rounded square. Colour icon 192×192 on the accent colour; outline icon 32×32, white on transparent, without
/// anti-aliasing so every pixel is either white or fully transparent, as Teams requires.
/// </summary>
internal static class IconPainter
{
    public const int ColorSize = 192;
    public const int OutlineSize = 32;
    /// <summary>The manifest's accentColor #1F6F8B.</summary>
    public static readonly Rgba Accent = new(0x1F, 0x6F, 0x8B, 0xFF);

    // The check mark as a polyline in unit coordinates (0..1, y down).
    private static readonly (double X, double Y)[] CheckMark = [(0.27, 0.52), (0.44, 0.68), (0.74, 0.35)];

    public static RgbaImage PaintColor()
    {
        var image = new RgbaImage(ColorSize, ColorSize);
        const int samples = 4; // 4×4 supersampling for smooth edges on the colour icon
        for (var y = 0; y < ColorSize; y++)
        for (var x = 0; x < ColorSize; x++)
        {
            double r = 0, g = 0, b = 0, a = 0;
            for (var sy = 0; sy < samples; sy++)
            for (var sx = 0; sx < samples; sx++)
            {
                var u = (x + (sx + 0.5) / samples) / ColorSize;
                var v = (y + (sy + 0.5) / samples) / ColorSize;
                if (!InRoundedSquare(u, v, inset: 0.0, radius: 0.18)) continue;
                var onMark = DistanceToPolyline(u, v) <= 0.065;
                var color = onMark ? Rgba.White : Accent;
                r += color.R; g += color.G; b += color.B; a += 255;
            }
            var n = samples * samples;
            // Premultiplied average, then un-premultiply so partially covered edge pixels keep their colour.
            image.Set(x, y, a == 0
                ? new Rgba(0, 0, 0, 0)
                : new Rgba(ToByte(r * 255 / a), ToByte(g * 255 / a), ToByte(b * 255 / a), ToByte(a / n)));
        }
        return image;
    }

    public static RgbaImage PaintOutline()
    {
        var image = new RgbaImage(OutlineSize, OutlineSize);
        for (var y = 0; y < OutlineSize; y++)
        for (var x = 0; x < OutlineSize; x++)
        {
            var u = (x + 0.5) / OutlineSize;
            var v = (y + 0.5) / OutlineSize;
            // A 2-pixel frame plus the check mark: the same shape as the colour icon, in line art.
            var frame = InRoundedSquare(u, v, inset: 0.03, radius: 0.2) && !InRoundedSquare(u, v, inset: 0.03 + 2.0 / OutlineSize, radius: 0.14);
            var mark = DistanceToPolyline(u, v) <= 0.07;
            image.Set(x, y, frame || mark ? Rgba.White : Rgba.TransparentWhite);
        }
        return image;
    }

    private static bool InRoundedSquare(double u, double v, double inset, double radius)
    {
        var lo = inset;
        var hi = 1 - inset;
        if (u < lo || u > hi || v < lo || v > hi) return false;
        var cx = Math.Clamp(u, lo + radius, hi - radius);
        var cy = Math.Clamp(v, lo + radius, hi - radius);
        var dx = u - cx;
        var dy = v - cy;
        return dx * dx + dy * dy <= radius * radius;
    }

    private static double DistanceToPolyline(double u, double v)
    {
        var best = double.MaxValue;
        for (var i = 0; i + 1 < CheckMark.Length; i++)
        {
            var (ax, ay) = CheckMark[i];
            var (bx, by) = CheckMark[i + 1];
            var t = Math.Clamp(((u - ax) * (bx - ax) + (v - ay) * (by - ay)) / ((bx - ax) * (bx - ax) + (by - ay) * (by - ay)), 0, 1);
            var dx = u - (ax + t * (bx - ax));
            var dy = v - (ay + t * (by - ay));
            best = Math.Min(best, Math.Sqrt(dx * dx + dy * dy));
        }
        return best;
    }

    private static byte ToByte(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
}
