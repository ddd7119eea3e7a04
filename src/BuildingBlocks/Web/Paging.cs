namespace Monolith.BuildingBlocks.Web;

/// <summary>One paging convention for every list endpoint: <c>?page=1&amp;pageSize=50</c>, answered with
/// <see cref="Page{T}"/>. Out-of-range values are a 400 naming the parameter, never silently clamped.</summary>
public sealed record PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public int Skip => (Page - 1) * PageSize;

    public static bool TryCreate(int? page, int? pageSize, out PageRequest request, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var p = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (p < 1) errors["page"] = ["page must be 1 or more."];
        else if ((long)(p - 1) * Math.Clamp(size, 1, MaxPageSize) > int.MaxValue) errors["page"] = ["page is beyond the last possible page."];
        if (size is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        request = new PageRequest(Math.Max(1, p), Math.Clamp(size, 1, MaxPageSize));
        return errors.Count == 0;
    }
}

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long Total)
{
    public bool HasMore => (long)PageNumber * PageSize < Total;
}
