using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;

namespace Monolith.Documents.Learning;

/// <summary>
/// How the learned models (the type model, the candidate ranker) are written and shipped: an ML.NET zip with fixed
/// entry times (the same model gives the same bytes) and a JSON card beside it, both embedded in this assembly.
/// </summary>
public static class ModelFiles
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Save(ITransformer model, DataViewSchema schema, Stream stream)
    {
        using var buffer = new MemoryStream();
        new MLContext(1).Model.Save(model, schema, buffer);
        // The same model gives the same bytes: entry times fixed, so retraining without a change leaves the file alone.
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
            foreach (var entry in zip.Entries) entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    /// <summary>A model version: the prefix and the first 8 hex digits of the SHA-256 of what it was trained from.</summary>
    public static string Version(string prefix, string trainedFrom) =>
        prefix + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(trainedFrom)))[..8].ToLowerInvariant();

    public static byte[] Bytes(Action<Stream> save)
    {
        using var buffer = new MemoryStream();
        save(buffer);
        return buffer.ToArray();
    }

    /// <summary>The card embedded as <paramref name="resource"/>, or null when none is.</summary>
    public static TCard? Card<TCard>(string resource) where TCard : class
    {
        using var card = typeof(ModelFiles).Assembly.GetManifestResourceStream(resource);
        return card is null ? null : JsonSerializer.Deserialize<TCard>(card, Json);
    }

    /// <summary>The embedded model <paramref name="resource"/>, loaded when its card says it reads <paramref name="features"/>.</summary>
    public static T? Shipped<T>(string resource, IReadOnlyList<string>? cardFeatures, IReadOnlyList<string> features, Func<Stream, T> load) where T : class
    {
        using var stream = typeof(ModelFiles).Assembly.GetManifestResourceStream(resource);
        // A model trained on other features than the code computes would read them wrongly: the rules decide then.
        return stream is null || cardFeatures is null || !cardFeatures.SequenceEqual(features) ? null : load(stream);
    }
}
