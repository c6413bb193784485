using VerzuimBot.AppPackage.Icons;
using VerzuimBot.Cards.Tests.Infrastructure;

namespace VerzuimBot.Cards.Tests.AppPackage;

public sealed class IconTests
{
    private static DecodedPng Committed(string file) => DecodedPng.Read(File.ReadAllBytes(Path.Combine(RepoPaths.Manifests, file)));

    [Fact]
    public void Color_icon_is_192_square_rgba_in_the_accent_colour()
    {
        var png = Committed("color.png");
        Assert.Equal((192, 192), (png.Width, png.Height));
        var center = 96 * 192 * 4 + 20 * 4; // left of the check mark, inside the square
        Assert.Equal(new byte[] { 0x1F, 0x6F, 0x8B, 0xFF }, png.Rgba[center..(center + 4)]);
        Assert.Contains(Enumerable.Range(0, 192 * 192), i => png.Rgba[i * 4] == 255 && png.Rgba[i * 4 + 1] == 255 && png.Rgba[i * 4 + 3] == 255);
    }

    [Fact]
    public void Outline_icon_is_32_square_white_on_transparent_only()
    {
        var png = Committed("outline.png");
        Assert.Equal((32, 32), (png.Width, png.Height));
        var pixels = Enumerable.Range(0, 32 * 32).Select(i => (R: png.Rgba[i * 4], G: png.Rgba[i * 4 + 1], B: png.Rgba[i * 4 + 2], A: png.Rgba[i * 4 + 3])).ToList();
        Assert.All(pixels, p => Assert.True(p is { R: 255, G: 255, B: 255, A: 0 or 255 }, $"pixel {p} is not white or fully transparent"));
        var opaque = pixels.Count(p => p.A == 255);
        Assert.InRange(opaque, 100, 600); // a visible drawing with plenty of transparency
        Assert.Equal(0, pixels[0].A);     // transparent corner
    }

    [Fact]
    public void Committed_icons_are_what_the_tool_draws()
    {
        Assert.Equal(IconPainter.PaintColor().Pixels, Committed("color.png").Rgba);
        Assert.Equal(IconPainter.PaintOutline().Pixels, Committed("outline.png").Rgba);
    }

    [Fact]
    public void Png_writer_is_deterministic_and_round_trips()
    {
        var image = new RgbaImage(3, 2);
        image.Set(0, 0, new Rgba(1, 2, 3, 4));
        image.Set(2, 1, new Rgba(250, 251, 252, 253));
        var first = PngWriter.Encode(image);
        Assert.Equal(first, PngWriter.Encode(image));
        var decoded = DecodedPng.Read(first);
        Assert.Equal((3, 2), (decoded.Width, decoded.Height));
        Assert.Equal(image.Pixels, decoded.Rgba);
    }
}
