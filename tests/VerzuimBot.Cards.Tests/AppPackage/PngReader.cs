using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using VerzuimBot.AppPackage.Icons;

namespace VerzuimBot.Cards.Tests.AppPackage;

/// <summary>An independent minimal PNG decoder for the tests: checks the signature and every chunk CRC, inflates IDAT, undoes filters.</summary>
internal sealed record DecodedPng(int Width, int Height, int BitDepth, int ColorType, byte[] Rgba)
{
    public static DecodedPng Read(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        int width = 0, height = 0, bitDepth = 0, colorType = 0;
        using var idat = new MemoryStream();
        var position = 8;
        var sawEnd = false;
        while (position < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(position));
            var type = Encoding.ASCII.GetString(png, position + 4, 4);
            var data = png.AsSpan(position + 8, length).ToArray();
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position + 8 + length));
            Assert.Equal(Crc32.Of(Encoding.ASCII.GetBytes(type), data), crc);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4));
                    bitDepth = data[8];
                    colorType = data[9];
                    break;
                case "IDAT": idat.Write(data); break;
                case "IEND": sawEnd = true; break;
            }
            position += 12 + length;
        }
        Assert.True(sawEnd, "PNG has no IEND chunk");
        Assert.Equal(8, bitDepth);
        Assert.Equal(6, colorType);

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        var raw = inflated.ToArray();
        var stride = width * 4;
        Assert.Equal(height * (stride + 1), raw.Length);
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                var value = raw[y * (stride + 1) + 1 + x];
                int left = x >= 4 ? pixels[y * stride + x - 4] : 0, up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                int upLeft = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4] : 0;
                pixels[y * stride + x] = (byte)(filter switch
                {
                    0 => value,
                    1 => value + left,
                    2 => value + up,
                    3 => value + (left + up) / 2,
                    4 => value + Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"filter {filter}"),
                });
            }
        }
        return new DecodedPng(width, height, bitDepth, colorType, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
