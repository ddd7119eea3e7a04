using System.Buffers.Binary;
using Monolith.Documents.Intake;
using SkiaSharp;

namespace Monolith.Documents.Ocr;

/// <summary>A PNG or a JPEG: one page, decoded by Skia's codecs, turned upright by its EXIF orientation.</summary>
internal sealed class CodecPageImages : CheckedPageImages
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly SKData data;
    private readonly ContentKind kind;

    private CodecPageImages(SKData data, ContentKind kind, PageSize size) : base(kind, [size])
    {
        this.data = data;
        this.kind = kind;
    }

    public static CodecPageImages Open(ReadOnlySpan<byte> content, ContentKind kind, PageImageLimits limits)
    {
        // libpng reads every chunk up to the pixel data when the codec is created; the size in IHDR is judged before that.
        if (kind == ContentKind.Png)
            PageFailure.CheckSizes([PngHeaderSize(content)], limits);

        var data = SKData.CreateCopy(content);
        try
        {
            using var codec = SKCodec.Create(data) ?? throw PageFailure.Unreadable(
                $"The {PageFailure.Name(kind)} header could not be read; the file is damaged or not a {PageFailure.Name(kind)}.");
            var size = PagePixels.UprightSize(codec.Info.Width, codec.Info.Height, codec.EncodedOrigin);
            PageFailure.CheckSizes([size], limits);
            return new CodecPageImages(data, kind, size);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    protected override SKBitmap DecodePage(int index)
    {
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException();
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var stored = PagePixels.Blank(width, height);
        var result = codec.GetPixels(PagePixels.Premultiplied(width, height), stored.GetPixels());
        if (result != SKCodecResult.Success)
        {
            stored.Dispose();
            // Skia fills what is missing and says IncompleteInput (the file ends early) or ErrorInInput (it is damaged).
            throw new InvalidDataException();
        }
        if (codec.Info.AlphaType != SKAlphaType.Opaque)
            PagePixels.FlattenOntoWhite(stored);
        return PagePixels.Upright(stored, codec.EncodedOrigin);
    }

    protected override void Release() => data.Dispose();

    /// <summary>Width and height from the IHDR chunk, which a PNG must start with.</summary>
    private static PageSize PngHeaderSize(ReadOnlySpan<byte> png)
    {
        const int ihdrEnd = 8 + 8 + 13;
        if (png.Length < ihdrEnd || !png.StartsWith(PngSignature) || !png[12..16].SequenceEqual("IHDR"u8))
            throw PageFailure.Unreadable("The PNG header is missing or damaged; the file does not start with an image header.");
        return new(BinaryPrimitives.ReadUInt32BigEndian(png[16..]), BinaryPrimitives.ReadUInt32BigEndian(png[20..]));
    }
}
