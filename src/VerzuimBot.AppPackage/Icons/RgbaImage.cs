namespace VerzuimBot.AppPackage.Icons;

/// <summary>A square-or-rectangular 8-bit RGBA pixel buffer, row-major, top row first.</summary>
internal sealed class RgbaImage
{
    public RgbaImage(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
        Pixels = new byte[width * height * 4];
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>R, G, B, A per pixel.</summary>
    public byte[] Pixels { get; }

    public void Set(int x, int y, Rgba color)
    {
        var i = (y * Width + x) * 4;
        Pixels[i] = color.R;
        Pixels[i + 1] = color.G;
        Pixels[i + 2] = color.B;
        Pixels[i + 3] = color.A;
    }

    public Rgba Get(int x, int y)
    {
        var i = (y * Width + x) * 4;
        return new Rgba(Pixels[i], Pixels[i + 1], Pixels[i + 2], Pixels[i + 3]);
    }
}

internal readonly record struct Rgba(byte R, byte G, byte B, byte A)
{
    public static readonly Rgba White = new(255, 255, 255, 255);
    // Teams requires the outline icon to be white on transparent; even the transparent pixels stay white.
    public static readonly Rgba TransparentWhite = new(255, 255, 255, 0);
}
