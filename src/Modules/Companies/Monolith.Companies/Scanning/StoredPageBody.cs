using Monolith.Companies;
using Monolith.Companies.Contracts;
namespace Monolith.Companies.Scanning;

/// <summary>
/// A page body, stored once per content hash (per customer) instead of being copied into events; the events record the
/// hash. Marten document, id = SHA-256 of the body.
/// </summary>
public sealed class StoredPageBody
{
    public string Id { get; set; } = "";
    public string Url { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string Text { get; set; } = "";
    public long Bytes { get; set; }
    public DateTimeOffset StoredAt { get; set; }
}
