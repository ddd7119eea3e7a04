using System.Buffers.Binary;
using System.Runtime.InteropServices;
using BitMiracle.LibTiff.Classic;
using Monolith.Documents.Intake;
using SkiaSharp;

namespace Monolith.Documents.Ocr;

/// <summary>
/// A TIFF, one page per directory (multi-page fax and scanner output), decoded by LibTiff.NET in any encoding it reads
/// (none, LZW, Deflate, PackBits, CCITT G3/G4, JPEG) and turned upright by its orientation tag.
/// </summary>
internal sealed class TiffPageImages : CheckedPageImages
{
    private const ushort ImageWidthTag = 256, ImageLengthTag = 257, OrientationTag = 274;

    private readonly byte[] content;
    private readonly SKEncodedOrigin[] orientations;

    static TiffPageImages() =>
        // LibTiff.NET (this build) has one process-wide handler, which by default writes to the console; failures reach
        // us as return values instead. Set once here, as nothing else in the process reads TIFF.
        Tiff.SetErrorHandler(new SilentErrors());

    private TiffPageImages(byte[] content, PageSize[] sizes, SKEncodedOrigin[] orientations) : base(ContentKind.Tiff, sizes)
    {
        this.content = content;
        this.orientations = orientations;
    }

    public static TiffPageImages Open(byte[] content, PageImageLimits limits)
    {
        var (sizes, orientations) = ReadDirectories(content, limits);
        PageFailure.CheckSizes(sizes, limits);
        return new TiffPageImages(content, sizes, orientations);
    }

    protected override SKBitmap DecodePage(int index)
    {
        // A Tiff keeps a current directory, so each decode opens its own: pages of one file may be decoded concurrently.
        using var tiff = Tiff.ClientOpen("page", "r", new MemoryStream(content, writable: false), new TiffStream())
            ?? throw new InvalidDataException();
        if (!tiff.SetDirectory((short)index))
            throw new InvalidDataException();
        var origin = orientations[index];
        var (width, height) = (Field(tiff, TiffTag.IMAGEWIDTH), Field(tiff, TiffTag.IMAGELENGTH));
        // LibTiff must see the directory the limits were checked on; otherwise the raster below could be any size.
        if (PagePixels.UprightSize(width, height, origin) != CheckedSize(index))
            throw new InvalidDataException();

        // Asking for the file's own orientation gives the rows as stored (LibTiff only flips, it cannot transpose); Upright
        // then turns them the way it turns a photo. Each int is A<<24|B<<16|G<<8|R, premultiplied: RGBA bytes on little-endian.
        var raster = GC.AllocateUninitializedArray<int>(width * height, pinned: true);
        if (!tiff.ReadRGBAImageOriented(width, height, raster, (Orientation)(int)origin, stopOnError: true))
            throw new InvalidDataException();

        var bitmap = new SKBitmap();
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        // The pinned raster becomes the bitmap's pixels (no second copy of a large page); the delegate keeps it alive.
        if (!bitmap.InstallPixels(info, Marshal.UnsafeAddrOfPinnedArrayElement(raster, 0), info.RowBytes, (_, _) => GC.KeepAlive(raster)))
        {
            bitmap.Dispose();
            throw new InvalidDataException();
        }
        PagePixels.FlattenOntoWhite(bitmap);
        return PagePixels.Upright(bitmap, origin);
    }

    private static int Field(Tiff tiff, TiffTag tag) => tiff.GetField(tag) is { Length: > 0 } value ? value[0].ToInt() : 0;

    /// <summary>
    /// Walks the directory chain in the raw bytes (classic TIFF) for each page's width, height and orientation, before LibTiff
    /// reads anything: LibTiff sizes its strip tables from the dimensions, so a hostile header must be refused first.
    /// Stops counting past <see cref="PageImageLimits.MaxPages"/> and at a chain that loops back on itself.
    /// </summary>
    private static (PageSize[] Sizes, SKEncodedOrigin[] Orientations) ReadDirectories(ReadOnlySpan<byte> tiff, PageImageLimits limits)
    {
        if (tiff.Length < 8 || !(tiff.StartsWith("II*\0"u8) || tiff.StartsWith("MM\0*"u8)))
            throw PageFailure.Unreadable("The TIFF header is missing or damaged; only classic TIFF files are read.");
        var bytes = new Bytes(tiff, LittleEndian: tiff[0] == (byte)'I');

        var sizes = new List<PageSize>();
        var origins = new List<SKEncodedOrigin>();
        var seen = new HashSet<uint>();
        for (var offset = bytes.U32(4); offset != 0; )
        {
            if (sizes.Count == limits.MaxPages)
                PageFailure.CheckPageCount(ContentKind.Tiff, sizes.Count + 1, limits, countIsLowerBound: true);
            if (!seen.Add(offset) || offset < 8 || offset > tiff.Length - 2)
                throw PageFailure.Unreadable(FormattableString.Invariant($"The TIFF's directory of page {sizes.Count + 1} is missing or damaged."));
            var at = (int)offset;
            var entries = bytes.U16(at);
            if (at + 2 + (12 * entries) + 4 > tiff.Length)
                throw PageFailure.Unreadable(FormattableString.Invariant($"The TIFF's directory of page {sizes.Count + 1} is truncated."));
            long width = 0, height = 0;
            var origin = SKEncodedOrigin.TopLeft;
            for (var entry = at + 2; entry < at + 2 + (12 * entries); entry += 12)
            {
                // SHORT (3) or LONG (4), one value, stored in the entry itself.
                long value = bytes.U16(entry + 2) switch { 3 => bytes.U16(entry + 8), 4 => bytes.U32(entry + 8), _ => 0 };
                switch (bytes.U16(entry))
                {
                    case ImageWidthTag: width = value; break;
                    case ImageLengthTag: height = value; break;
                    case OrientationTag when value is >= 1 and <= 8: origin = (SKEncodedOrigin)value; break;
                }
            }
            sizes.Add(PagePixels.UprightSize(width, height, origin));
            origins.Add(origin);
            offset = bytes.U32(at + 2 + (12 * entries));
        }
        PageFailure.CheckPageCount(ContentKind.Tiff, sizes.Count, limits);
        return ([.. sizes], [.. origins]);
    }

    private readonly ref struct Bytes(ReadOnlySpan<byte> span, bool LittleEndian)
    {
        private readonly ReadOnlySpan<byte> span = span;

        public ushort U16(int at) => LittleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(span[at..]) : BinaryPrimitives.ReadUInt16BigEndian(span[at..]);

        public uint U32(int at) => LittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(span[at..]) : BinaryPrimitives.ReadUInt32BigEndian(span[at..]);
    }

    private sealed class SilentErrors : TiffErrorHandler
    {
        public override void ErrorHandler(Tiff tif, string method, string format, params object[] args) { }
        public override void ErrorHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args) { }
        public override void WarningHandler(Tiff tif, string method, string format, params object[] args) { }
        public override void WarningHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args) { }
    }
}
