using System.Text.Json;
using JasperFx.CommandLine;
using Monolith.Documents.Classification;

namespace Monolith.Host.Documents;

public sealed class DocumentsInput
{
    [Description("'train' trains the document-type model and writes it where the Documents module embeds it")]
    public string Action { get; set; } = "train";

    [Description("Where to write type-model.zip and type-model.json (default: the Documents module's Classification folder)"), FlagAlias("out", 'o')]
    public string? OutFlag { get; set; }

    [Description("Generated training documents per type"), FlagAlias("per-type", 'n')]
    public int PerTypeFlag { get; set; } = 600;

    [Description("Seed of the generated training documents"), FlagAlias("seed", 's')]
    public int SeedFlag { get; set; } = 20261207;
}

/// <summary>
/// <c>dotnet run --project src/Host -- documents train</c>: trains the document-type model (ML.NET FastTree) on
/// documents the project generates from a seed, checks it on documents generated from another seed, and writes the
/// model and its card into <c>src/Modules/Documents/Monolith.Documents/Classification</c>, where the next build embeds
/// them. The same seed and size give the same version. Needs no database.
/// </summary>
[Description("Train the document-type model", Name = "documents")]
public sealed class DocumentsCommand : JasperFxAsyncCommand<DocumentsInput>
{
    public override async Task<bool> Execute(DocumentsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Action != "train") { await Console.Error.WriteLineAsync("Action must be 'train'."); return false; }
        if (input.PerTypeFlag is < 50 or > 20000) { await Console.Error.WriteLineAsync("--per-type must be between 50 and 20000."); return false; }
        var folder = input.OutFlag ?? FindClassificationFolder();
        if (folder is null)
        {
            await Console.Error.WriteLineAsync("Run from the repository (src/Modules/Documents/Monolith.Documents/Classification not found) or give --out.");
            return false;
        }
        Directory.CreateDirectory(folder);

        Console.WriteLine($"Training the type model on {input.PerTypeFlag} generated documents per type (seed {input.SeedFlag})…");
        var (model, card) = TypeModelTraining.Train(input.PerTypeFlag, input.SeedFlag);
        await using (var zip = File.Create(Path.Combine(folder, "type-model.zip"))) model.Save(zip);
        await File.WriteAllTextAsync(Path.Combine(folder, "type-model.json"), JsonSerializer.Serialize(card, TypeModelCard.Json) + "\n");
        Console.WriteLine($"Model {card.Version}: {card.Examples} documents, accuracy on documents generated from seed {card.Seed + 1}: {card.ValidationAccuracy:P1}");
        foreach (var (type, accuracy) in card.ValidationAccuracyByType) Console.WriteLine($"  {type,-14} {accuracy:P1}");
        Console.WriteLine($"Written to {Path.GetFullPath(folder)}; rebuild to ship it. Measure it on real documents with bench/DocumentAccuracy.");
        return true;
    }

    /// <summary>The module's Classification folder, looked for from the working directory upwards.</summary>
    private static string? FindClassificationFolder()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Modules", "Documents", "Monolith.Documents", "Classification");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
