using System.Buffers.Binary;
using SkiaSharp;

namespace Gazette.Tests.Media;

/// <summary>Images made in the test: drawn with SkiaSharp, plus what Skia cannot write (GIF, EXIF) made by hand.</summary>
public static class TestImages
{
    public static readonly SKColor Red = new(255, 0, 0);
    public static readonly SKColor Green = new(0, 160, 0);
    public static readonly SKColor Blue = new(0, 0, 255);

    /// <summary>An opaque picture: the left half red, the right half blue, so a turn or a mirror shows.</summary>
    public static byte[] Encode(int width, int height, SKEncodedImageFormat format, int seed = 0)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(Blue);
            using var paint = new SKPaint { Color = Red };
            canvas.DrawRect(0, 0, width / 2f, height, paint);
            // A seed changes one pixel, so two pictures that look alike are not the same file.
            using var mark = new SKPaint { Color = new SKColor((byte)seed, 0, 0) };
            canvas.DrawPoint(width - 1, height - 1, mark);
        }
        using var data = bitmap.Encode(format, 90) ?? throw new InvalidOperationException($"Skia cannot write {format}.");
        return data.ToArray();
    }

    /// <summary>The left half fully transparent, the right half opaque green.</summary>
    public static byte[] TransparentLeftHalf(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            using var paint = new SKPaint { Color = Green };
            canvas.DrawRect(width / 2f, 0, width / 2f, height, paint);
        }
        using var data = bitmap.Encode(format, 100)!;
        return data.ToArray();
    }

    /// <summary>A JPEG whose EXIF says it is stored turned (orientation 6: turn a quarter clockwise to show it).</summary>
    public static byte[] JpegWithOrientation(int width, int height, ushort orientation)
    {
        var jpeg = Encode(width, height, SKEncodedImageFormat.Jpeg);
        // APP1 "Exif\0\0", then a little-endian TIFF header and one IFD holding the Orientation tag (0x0112).
        var tiff = new byte[] { (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte)orientation, 0, 0, 0, 0, 0, 0, 0 };
        var exif = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new byte[4 + exif.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(exif.Length + 2));
        exif.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>A valid PNG header (with a right checksum) claiming a size no pixel data follows.</summary>
    public static byte[] PngHeaderClaiming(int width, int height)
    {
        var ihdr = new byte[17];
        "IHDR"u8.CopyTo(ihdr);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(8), height);
        ihdr[12] = 8; // bit depth
        ihdr[13] = 6; // RGBA
        var png = new List<byte> { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };
        png.AddRange(ihdr);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(ihdr));
        png.AddRange(crc);
        // A scrap of IDAT: a decoder that went on would have to inflate ten gigabytes of pixels.
        png.AddRange(new byte[] { 0, 0, 0, 2, (byte)'I', (byte)'D', (byte)'A', (byte)'T', 0x78, 0x9C, 0, 0, 0, 0 });
        return [.. png];
    }

    /// <summary>PNG's CRC-32 (ISO 3309), bit by bit: slow, short and obviously right for 17 bytes.</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }

    /// <summary>
    /// An animated GIF (Skia reads GIF but cannot write it): frame one red with its left half transparent, frame two
    /// all blue. Pixels are written as LZW literals with a clear code every two, so no compression table is needed.
    /// </summary>
    public static byte[] AnimatedGif(int width, int height)
    {
        const byte red = 0, blue = 2, transparent = 3;
        var gif = new List<byte>();
        gif.AddRange("GIF89a"u8.ToArray());
        AddUInt16(gif, width);
        AddUInt16(gif, height);
        gif.AddRange(new byte[] { 0x91, 0, 0 }); // a global table of 4 colours
        gif.AddRange(new byte[] { 255, 0, 0, 0, 160, 0, 0, 0, 255, 0, 0, 0 });
        gif.AddRange([0x21, 0xFF, 11, .. "NETSCAPE2.0"u8, 3, 1, 0, 0, 0]); // loop for ever
        foreach (var frame in new[] { 0, 1 })
        {
            // Graphic control: restore to background after the frame, 0.5 s, colour 3 transparent.
            gif.AddRange(new byte[] { 0x21, 0xF9, 4, 0x09, 50, 0, transparent, 0 });
            gif.Add(0x2C);
            AddUInt16(gif, 0);
            AddUInt16(gif, 0);
            AddUInt16(gif, width);
            AddUInt16(gif, height);
            gif.Add(0);
            var pixels = new byte[width * height];
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] = frame == 1 ? blue : i % width < width / 2 ? transparent : red;
            }
            gif.Add(2); // LZW minimum code size: codes 0-3 colours, 4 clear, 5 end, 3 bits wide
            var data = LiteralLzw(pixels);
            for (var offset = 0; offset < data.Length; offset += 255)
            {
                var length = Math.Min(255, data.Length - offset);
                gif.Add((byte)length);
                gif.AddRange(data.AsSpan(offset, length));
            }
            gif.Add(0);
        }
        gif.Add(0x3B);
        return [.. gif];
    }

    private static byte[] LiteralLzw(byte[] pixels)
    {
        var output = new List<byte>();
        int buffer = 0, bits = 0;
        void Emit(int code)
        {
            buffer |= code << bits;
            bits += 3;
            while (bits >= 8)
            {
                output.Add((byte)buffer);
                buffer >>= 8;
                bits -= 8;
            }
        }
        for (var i = 0; i < pixels.Length; i++)
        {
            if (i % 2 == 0)
            {
                Emit(4);
            }
            Emit(pixels[i]);
        }
        Emit(5);
        if (bits > 0)
        {
            output.Add((byte)buffer);
        }
        return [.. output];
    }

    private static void AddUInt16(List<byte> bytes, int value)
    {
        bytes.Add((byte)value);
        bytes.Add((byte)(value >> 8));
    }
}
