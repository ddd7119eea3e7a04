using JasperFx;
using JasperFx.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Monolith.BuildingBlocks.Hosting;

/// <summary>
/// Runs the Host or one of its commands (<c>keys create</c>, <c>codegen</c>, <c>db-apply</c>, …) through JasperFx's
/// command line, without the console noise it prints around them: a "Searching '…' for commands" line per Critter
/// Stack assembly before every command, and a plain-text "Detected reserved AspNetCore or .NET flags" line (which
/// breaks a JSON log) when the Host is started with <c>--urls</c>.
/// </summary>
public static class CommandLine
{
    /// <summary>The flags with which JasperFx hands the arguments to ASP.NET Core and just runs the host.</summary>
    private static readonly string[] HostFlags = ["--urls", "--http_ports", "--https_ports"];

    public static bool OnlyRunsTheHost(string[] args) =>
        args.Any(a => HostFlags.Any(flag => string.Equals(a, flag, StringComparison.OrdinalIgnoreCase)));

    public static async Task<int> RunAsync(IHost host, string[] args)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(args);
        if (OnlyRunsTheHost(args))
        {
            await host.RunAsync().ConfigureAwait(false);
            return 0;
        }
        // JasperFx prints the discovery lines until its (static) "extensions applied" latch is set; applying a fresh
        // factory's extensions — it has none, the host is already built — sets the latch and changes nothing else.
        new CommandFactory().ApplyExtensions(new ServiceCollection());
        return await host.RunJasperFxCommands(args).ConfigureAwait(false);
    }
}
