using JasperFx.CommandLine;
using Monolith.BuildingBlocks.Access;
using Monolith.BuildingBlocks.Tenancy;

namespace Monolith.Host.Access;

public sealed class KeysInput : NetCoreInput
{
    [Description("'create' issues a key and prints it once; 'hash' reads a key from standard input and prints its SHA-256 for Access:Keys")]
    public string Action { get; set; } = "create";

    [Description("Customer (tenant) the key belongs to"), FlagAlias("tenant", 't')]
    public string TenantFlag { get; set; } = "default";

    [Description("viewer, operator or admin"), FlagAlias("role", 'r')]
    public string RoleFlag { get; set; } = "admin";

    [Description("What the key is for (shown in key lists and logs)"), FlagAlias("name", 'n')]
    public string NameFlag { get; set; } = "bootstrap";
}

/// <summary>
/// <c>dotnet run --project src/Host -- keys create --tenant acme --role admin --name ops</c>: the first admin key of a
/// customer (later keys can be issued over HTTP by that admin). <c>keys hash</c> turns a key read from standard input
/// into the SHA-256 that <c>Access:Keys:N:Sha256</c> expects, for keys kept in a secret store.
/// </summary>
[Description("Issue an API key, or hash one for Access:Keys", Name = "keys")]
public sealed class KeysCommand : JasperFxAsyncCommand<KeysInput>
{
    public override async Task<bool> Execute(KeysInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Action == "hash")
        {
            var key = (await Console.In.ReadLineAsync())?.Trim();
            if (!ApiKeySecret.LooksLikeKey(key)) { await Console.Error.WriteLineAsync("Give the key on standard input."); return false; }
            Console.WriteLine(ApiKeySecret.Hash(key!));
            return true;
        }
        if (input.Action != "create") { await Console.Error.WriteLineAsync("Action must be 'create' or 'hash'."); return false; }

        var tenant = TenantId.Normalise(input.TenantFlag);
        if (!TenantId.IsValid(tenant)) { await Console.Error.WriteLineAsync("--tenant must be 1-64 characters of a-z, 0-9, '-' or '_'."); return false; }
        if (!Enum.TryParse<AccessRole>(input.RoleFlag, ignoreCase: true, out var role) || int.TryParse(input.RoleFlag, out _))
        { await Console.Error.WriteLineAsync("--role must be viewer, operator or admin."); return false; }

        using var host = input.BuildHost();
        var issued = await host.Services.GetRequiredService<ApiKeyStore>()
            .IssueAsync(tenant, input.NameFlag, role, "command line", CancellationToken.None);
        Console.WriteLine($"API key for tenant '{tenant}', role {role.ToString().ToLowerInvariant()}, id {issued.Record.Id} (shown once, stored only as its SHA-256):");
        Console.WriteLine(issued.Key);
        return true;
    }
}
