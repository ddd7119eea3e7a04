using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using BitMiracle.LibTiff.Classic;
using Monolith.Documents.Intake;
using Monolith.Documents.Ocr;
using Monolith.Documents.Tests.Extraction.Pdf;
using PdfSharp.Drawing;
using SkiaSharp;

namespace Monolith.Documents.Tests.Ocr;

public class PageImageSourceTests
{
    private static readonly PageImageLimits Limits = PageImageLimits.From(new OcrOptions());

    /// <summary>The upright sample points of an 80 × 40 red-left, blue-right picture turned 90° clockwise.</summary>
    private static readonly (int X, int Y, SKColor Color)[] RedAboveBlue = [(20, 10, SKColors.Red), (20, 70, SKColors.Blue)];

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, ContentKind.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg, ContentKind.Jpeg)]
    public void a_png_or_jpeg_decodes_to_an_opaque_rgba_page_of_its_size(SKEncodedImageFormat format, ContentKind kind) =>
        AssertOnlyPage(Encode(Picture(64, 48, SKColors.Red, SKColors.Blue), format), kind, 64, 48, (10, 24, SKColors.Red), (54, 24, SKColors.Blue));

    [Fact]
    public void a_single_page_can_be_decoded_again_after_the_first_hand_over()
    {
        using var images = Opened(Encode(Picture(30, 20, SKColors.Red, SKColors.Blue), SKEncodedImageFormat.Png), ContentKind.Png);
        using var first = images.Decode(0);
        using var second = images.Decode(0);
        Assert.NotSame(first, second);
        AssertPage(second, 30, 20);
    }

    [Fact]
    public void a_transparent_png_is_flattened_onto_white()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(40, 20, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(SKColors.Transparent);
        bitmap.Erase(new SKColor(0, 0, 0, 128), new SKRectI(20, 0, 40, 20));
        AssertOnlyPage(Encode(bitmap, SKEncodedImageFormat.Png), ContentKind.Png, 40, 20, (5, 10, SKColors.White), (30, 10, new SKColor(127, 127, 127)));
    }

    [Fact]
    public void a_jpeg_with_exif_orientation_6_comes_out_turned_upright()
    {
        // Stored 80 × 40, red on the left: a camera held upright that says "rotate 90° clockwise to view".
        var jpeg = WithExifOrientation(Encode(Picture(80, 40, SKColors.Red, SKColors.Blue), SKEncodedImageFormat.Jpeg), 6);
        AssertOnlyPage(jpeg, ContentKind.Jpeg, 40, 80, RedAboveBlue);
    }

    [Fact]
    public void a_tiff_with_three_pages_of_different_sizes_decodes_page_by_page()
    {
        var tiff = Tiff3Pages();
        using var images = Opened(tiff, ContentKind.Tiff);
        Assert.Equal(3, images.PageCount);
        (int W, int H)[] expected = [(120, 80), (60, 90), (200, 30)];
        for (var i = 0; i < 3; i++)
        {
            using var page = images.Decode(i);
            AssertPage(page, expected[i].W, expected[i].H, (2, expected[i].H / 2, SKColors.Red), (expected[i].W - 3, expected[i].H / 2, SKColors.Blue));
        }
    }

    [Theory]
    [InlineData(Compression.NONE)]
    [InlineData(Compression.LZW)]
    [InlineData(Compression.ADOBE_DEFLATE)]
    [InlineData(Compression.PACKBITS)]
    [InlineData(Compression.JPEG)]
    public void a_tiff_decodes_in_the_usual_encodings(Compression compression) =>
        AssertOnlyPage(TiffOf([(50, 40, compression)]), ContentKind.Tiff, 50, 40, (5, 20, SKColors.Red), (45, 20, SKColors.Blue));

    [Fact]
    public void a_one_bit_ccitt_g4_fax_tiff_decodes() =>
        AssertOnlyPage(FaxTiff(200, 100), ContentKind.Tiff, 200, 100, (60, 50, SKColors.Black), (5, 5, SKColors.White));

    [Fact]
    public void a_tiff_orientation_tag_is_applied() =>
        AssertOnlyPage(TiffOf([(80, 40, Compression.LZW)], Orientation.RIGHTTOP), ContentKind.Tiff, 40, 80, RedAboveBlue);

    [Fact]
    public void a_pdf_page_renders_at_the_configured_dpi()
    {
        var pdf = TestPdfs.Build([["Invoice 42"], ["Page two"]], configure: null, sizePage: p =>
        {
            p.Width = XUnit.FromPoint(612);
            p.Height = XUnit.FromPoint(792);
        });
        using var images = Opened(pdf, ContentKind.Pdf, Limits with { PdfDpi = 100 });
        Assert.Equal(2, images.PageCount);
        using var page = images.Decode(1);
        AssertPage(page, 850, 1100, (5, 5, SKColors.White));
        Assert.Contains(Pixels(page, new SKRectI(60, 60, 300, 100)), c => c.Red < 100);
    }

    [Theory]
    [InlineData(ContentKind.Png, 0)]
    [InlineData(ContentKind.Png, 1)]
    [InlineData(ContentKind.Jpeg, 0)]
    [InlineData(ContentKind.Jpeg, 1)]
    [InlineData(ContentKind.Tiff, 0)]
    [InlineData(ContentKind.Tiff, 1)]
    [InlineData(ContentKind.Pdf, 0)]
    [InlineData(ContentKind.Pdf, 1)]
    [InlineData(ContentKind.Text, 10)]
    public void empty_or_one_byte_content_is_unreadable(ContentKind kind, int length) =>
        AssertFails(PageImageSource.Open(new byte[length], kind, Limits), OcrFailures.ImageUnreadable);

    [Fact]
    public void a_png_that_claims_0_by_0_pixels_is_unreadable() =>
        AssertFails(PageImageSource.Open(PngHeader(0, 0), ContentKind.Png, Limits), OcrFailures.ImageUnreadable, "0 × 0");

    [Fact]
    public void a_png_header_claiming_100000_by_100000_pixels_is_too_large_before_any_decoding()
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var opened = PageImageSource.Open(PngHeader(100_000, 100_000), ContentKind.Png, Limits);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 1_000_000);
        AssertFails(opened, OcrFailures.ImageTooLarge, "100000 × 100000");
    }

    [Fact]
    public void a_png_decompression_bomb_is_refused_from_its_header()
    {
        var bomb = WhitePngBomb(20_000, 20_000);
        Assert.True(bomb.Length < 1_000_000, $"the bomb is {bomb.Length} bytes");
        var clock = Stopwatch.StartNew();
        var opened = PageImageSource.Open(bomb, ContentKind.Png, Limits);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        AssertFails(opened, OcrFailures.ImageTooLarge, "(400 MP); the limit is 50 MP (Documents:Ocr:MaxPixelsPerPage)");
    }

    [Fact]
    public void a_tiff_whose_page_claims_huge_dimensions_is_too_large()
    {
        var tiff = RawTiff((30, 30, 900), (100_000, 100_000, 0));
        AssertFails(PageImageSource.Open(tiff, ContentKind.Tiff, Limits), OcrFailures.ImageTooLarge, "Page 2 is 100000 × 100000 pixels");
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, ContentKind.Jpeg)]
    [InlineData(SKEncodedImageFormat.Png, ContentKind.Png)]
    public void an_image_cut_in_half_is_unreadable_with_a_clear_reason(SKEncodedImageFormat format, ContentKind kind)
    {
        var whole = Encode(Noise(300, 200), format);
        var opened = PageImageSource.Open(whole.AsMemory(0, whole.Length / 2), kind, Limits);
        AssertFails(opened, OcrFailures.ImageUnreadable, "truncated");
    }

    [Fact]
    public void a_broken_later_tiff_page_fails_that_page_only()
    {
        // Page 2's strip claims 40 000 bytes the file does not have.
        var tiff = RawTiff((30, 30, 900), (200, 200, 100));
        using var images = Opened(tiff, ContentKind.Tiff);
        Assert.Equal(2, images.PageCount);
        using (var first = images.Decode(0))
            AssertPage(first, 30, 30);
        var error = Assert.Throws<PageImageException>(() => images.Decode(1));
        Assert.Equal(OcrFailures.ImageUnreadable, error.Failure);
        AssertSentence(error.Message);
        Assert.Contains("Page 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ContentKind.Png)]
    [InlineData(ContentKind.Jpeg)]
    [InlineData(ContentKind.Tiff)]
    [InlineData(ContentKind.Pdf)]
    public void random_bytes_after_a_valid_magic_are_unreadable(ContentKind kind)
    {
        byte[] magic = kind switch
        {
            ContentKind.Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
            ContentKind.Jpeg => [0xFF, 0xD8, 0xFF, 0xE0],
            ContentKind.Tiff => "II*\0"u8.ToArray(),
            _ => "%PDF-1.7\n"u8.ToArray(),
        };
        var random = new byte[4096];
        new Random(kind.GetHashCode()).NextBytes(random);
        AssertFails(PageImageSource.Open(magic.Concat(random).ToArray(), kind, Limits), OcrFailures.ImageUnreadable);
    }

    [Fact]
    public void a_tiff_with_more_pages_than_allowed_is_refused()
    {
        AssertFails(PageImageSource.Open(Tiff3Pages(), ContentKind.Tiff, Limits with { MaxPages = 2 }), OcrFailures.TooManyPages,
            "more than 2 pages; the limit is 2 (Documents:Ocr:MaxPages)");
    }

    [Fact]
    public void a_pdf_with_more_pages_than_allowed_is_refused()
    {
        var pdf = TestPdfs.WithText(["one"], ["two"], ["three"]);
        AssertFails(PageImageSource.Open(pdf, ContentKind.Pdf, Limits with { MaxPages = 2 }), OcrFailures.TooManyPages, "3 pages; the limit is 2");
    }

    [Fact]
    public void a_pdf_page_larger_than_allowed_at_the_dpi_is_refused()
    {
        var pdf = TestPdfs.Build([["a poster"]], configure: null, sizePage: p => p.Width = XUnit.FromPoint(14_400));
        AssertFails(PageImageSource.Open(pdf, ContentKind.Pdf, Limits), OcrFailures.ImageTooLarge, "The page is 40000 ×");
    }

    [Fact]
    public void a_pdf_without_pages_is_unreadable() =>
        AssertFails(PageImageSource.Open(TestPdfs.WithoutPages(), ContentKind.Pdf, Limits), OcrFailures.ImageUnreadable);

    [Fact]
    public void documents_open_and_decode_concurrently()
    {
        var png = Encode(Picture(300, 200, SKColors.Red, SKColors.Blue), SKEncodedImageFormat.Png);
        var tiff = Tiff3Pages();
        Parallel.For(0, 16, i =>
        {
            using var images = Opened(i % 2 == 0 ? png : tiff, i % 2 == 0 ? ContentKind.Png : ContentKind.Tiff);
            for (var page = 0; page < images.PageCount; page++)
            {
                using var bitmap = images.Decode(page);
                AssertPage(bitmap, bitmap.Width, bitmap.Height, (2, bitmap.Height / 2, SKColors.Red));
            }
        });
    }

    private static PageImages Opened(ReadOnlyMemory<byte> content, ContentKind kind, PageImageLimits? limits = null)
    {
        var opened = PageImageSource.Open(content, kind, limits ?? Limits);
        Assert.True(opened.Images is not null, $"{opened.Failure}: {opened.Detail}");
        return opened.Images;
    }

    private static void AssertFails(PageImagesOpen opened, string failure, string? detailContains = null)
    {
        Assert.Null(opened.Images);
        Assert.Equal(failure, opened.Failure);
        AssertSentence(opened.Detail);
        if (detailContains is not null)
            Assert.Contains(detailContains, opened.Detail, StringComparison.Ordinal);
    }

    private static void AssertSentence(string? detail)
    {
        Assert.False(string.IsNullOrWhiteSpace(detail));
        Assert.True(char.IsUpper(detail[0]) && detail.EndsWith('.'), $"not a sentence: {detail}");
    }

    private static void AssertOnlyPage(byte[] content, ContentKind kind, int width, int height, params (int X, int Y, SKColor Color)[] samples)
    {
        using var images = Opened(content, kind);
        Assert.Equal(1, images.PageCount);
        using var page = images.Decode(0);
        AssertPage(page, width, height, samples);
    }

    /// <summary>Size, the one pixel format pages come in, and colours at sample points (within what JPEG changes).</summary>
    private static void AssertPage(SKBitmap page, int width, int height, params (int X, int Y, SKColor Color)[] samples)
    {
        Assert.Equal((width, height), (page.Width, page.Height));
        Assert.Equal(SKColorType.Rgba8888, page.ColorType);
        Assert.Equal(SKAlphaType.Opaque, page.AlphaType);
        foreach (var (x, y, expected) in samples)
        {
            var actual = page.GetPixel(x, y);
            Assert.True(Math.Abs(expected.Red - actual.Red) <= 40 && Math.Abs(expected.Green - actual.Green) <= 40
                && Math.Abs(expected.Blue - actual.Blue) <= 40 && actual.Alpha == 255, $"at ({x}, {y}) expected {expected}, was {actual}");
        }
    }

    private static IEnumerable<SKColor> Pixels(SKBitmap bitmap, SKRectI area)
    {
        for (var y = area.Top; y < area.Bottom; y++)
            for (var x = area.Left; x < area.Right; x++)
                yield return bitmap.GetPixel(x, y);
    }

    /// <summary>Left half <paramref name="left"/>, right half <paramref name="right"/>.</summary>
    private static SKBitmap Picture(int width, int height, SKColor left, SKColor right)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(left);
        bitmap.Erase(right, new SKRectI(width / 2, 0, width, height));
        return bitmap;
    }

    private static SKBitmap Noise(int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var random = new Random(7);
        random.NextBytes(bitmap.GetPixelSpan());
        return bitmap;
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        using (bitmap)
        using (var data = bitmap.Encode(format, 90))
            return data.ToArray();
    }

    /// <summary>Inserts an EXIF APP1 segment right after SOI whose only entry is Orientation (0x0112).</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, IFD at 8
            0, 1,                                      // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0, // Orientation, SHORT, 1 value
            0, 0, 0, 0,                                // no next IFD
        ];
        var length = 2 + 6 + tiff.Length;
        byte[] app1 = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. "Exif\0\0"u8, .. tiff];
        return [.. jpeg.AsSpan(0, 2), .. app1, .. jpeg.AsSpan(2)];
    }

    internal static byte[] PngHeader(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth; colour type 0 (grey)
        return Png(ihdr, ZLibCompress(new byte[64]));
    }

    /// <summary>A white 1-bit greyscale PNG: its rows cost 1 bit a pixel and compress to almost nothing.</summary>
    internal static byte[] WhitePngBomb(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 1;
        var row = new byte[1 + ((width + 7) / 8)];
        row.AsSpan(1).Fill(0xFF);
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal))
            for (var y = 0; y < height; y++)
                zlib.Write(row);
        return Png(ihdr, compressed.ToArray());
    }

    private static byte[] ZLibCompress(byte[] raw)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest))
            zlib.Write(raw);
        return compressed.ToArray();
    }

    private static byte[] Png(byte[] ihdr, byte[] idat)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", idat);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    private static byte[] Tiff3Pages() => TiffOf([(120, 80, Compression.LZW), (60, 90, Compression.ADOBE_DEFLATE), (200, 30, Compression.PACKBITS)]);

    /// <summary>RGB pages written by LibTiff.NET, each red on the left and blue on the right.</summary>
    private static byte[] TiffOf((int Width, int Height, Compression Compression)[] pages, Orientation orientation = Orientation.TOPLEFT)
    {
        using var stream = new MemoryStream();
        using (var tiff = Tiff.ClientOpen("test", "w", stream, new TiffStream()))
        {
            foreach (var (width, height, compression) in pages)
            {
                SetPage(tiff, width, height, compression, pages.Length);
                tiff.SetField(TiffTag.BITSPERSAMPLE, 8);
                tiff.SetField(TiffTag.SAMPLESPERPIXEL, 3);
                tiff.SetField(TiffTag.PHOTOMETRIC, Photometric.RGB);
                tiff.SetField(TiffTag.ORIENTATION, orientation);
                if (compression == Compression.JPEG)
                    tiff.SetField(TiffTag.JPEGQUALITY, 90);
                var row = new byte[width * 3];
                for (var x = 0; x < width; x++)
                    (row[x * 3], row[(x * 3) + 2]) = x < width / 2 ? ((byte)255, (byte)0) : ((byte)0, (byte)255);
                for (var y = 0; y < height; y++)
                    tiff.WriteScanline(row, y);
                tiff.WriteDirectory();
            }
        }
        return stream.ToArray();
    }

    /// <summary>A 1-bit fax page (white, 0 = white) with a black block in the middle, CCITT G4 compressed.</summary>
    private static byte[] FaxTiff(int width, int height)
    {
        using var stream = new MemoryStream();
        using (var tiff = Tiff.ClientOpen("fax", "w", stream, new TiffStream()))
        {
            SetPage(tiff, width, height, Compression.CCITTFAX4, pages: 1);
            tiff.SetField(TiffTag.BITSPERSAMPLE, 1);
            tiff.SetField(TiffTag.SAMPLESPERPIXEL, 1);
            tiff.SetField(TiffTag.PHOTOMETRIC, Photometric.MINISWHITE);
            for (var y = 0; y < height; y++)
            {
                var row = new byte[(width + 7) / 8];
                if (y is >= 30 and < 70)
                    for (var x = 40; x < 160; x++)
                        row[x / 8] |= (byte)(0x80 >> (x % 8));
                tiff.WriteScanline(row, y);
            }
            tiff.WriteDirectory();
        }
        return stream.ToArray();
    }

    private static void SetPage(Tiff tiff, int width, int height, Compression compression, int pages)
    {
        tiff.SetField(TiffTag.IMAGEWIDTH, width);
        tiff.SetField(TiffTag.IMAGELENGTH, height);
        tiff.SetField(TiffTag.COMPRESSION, compression);
        tiff.SetField(TiffTag.PLANARCONFIG, PlanarConfig.CONTIG);
        tiff.SetField(TiffTag.ROWSPERSTRIP, 16);
        tiff.SetField(TiffTag.SUBFILETYPE, FileType.PAGE);
        tiff.SetField(TiffTag.PAGENUMBER, tiff.CurrentDirectory(), pages);
    }

    /// <summary>
    /// An uncompressed 8-bit grey TIFF written byte by byte, so a page may claim any size and carry fewer bytes than it
    /// claims (what LibTiff.NET refuses to write).
    /// </summary>
    private static byte[] RawTiff(params (int Width, int Height, int Bytes)[] pages)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("II*\0"u8);
        var nextOffsetAt = stream.Position;
        writer.Write(0u);
        foreach (var (width, height, bytes) in pages)
        {
            var data = stream.Position;
            writer.Write(Enumerable.Repeat((byte)0x80, bytes).ToArray());
            if (stream.Position % 2 == 1)
                writer.Write((byte)0);
            var ifd = (uint)stream.Position;
            (stream.Position, nextOffsetAt) = (nextOffsetAt, 0);
            writer.Write(ifd);
            stream.Position = ifd;
            (ushort Tag, ushort Type, uint Value)[] entries =
            [
                (256, 4, (uint)width), (257, 4, (uint)height), (258, 3, 8), (259, 3, 1), (262, 3, 1),
                (273, 4, (uint)data), (277, 3, 1), (278, 4, (uint)height), (279, 4, (uint)width * (uint)height),
            ];
            writer.Write((ushort)entries.Length);
            foreach (var (tag, type, value) in entries)
            {
                writer.Write(tag);
                writer.Write(type);
                writer.Write(1u);
                if (type == 3)
                {
                    writer.Write((ushort)value);
                    writer.Write((ushort)0);
                }
                else
                    writer.Write(value);
            }
            nextOffsetAt = stream.Position;
            writer.Write(0u);
        }
        return stream.ToArray();
    }
}
