using System.Text.Json;
using JasperFx.CommandLine;
using Monolith.Documents.Classification;
using Monolith.Documents.Extraction.Local;
using Monolith.Documents.Learning;

namespace Monolith.Host.Documents;

public sealed class DocumentsInput
{
    [Description("'train' trains the document-type model and the candidate ranker and writes them where the Documents module embeds them")]
    public string Action { get; set; } = "train";

    [Description("Where to write the models and their cards (default: the Documents module's folders)"), FlagAlias("out", 'o')]
    public string? OutFlag { get; set; }

    [Description("Generated training documents for the candidate ranker"), FlagAlias("ranking-documents", 'r')]
    public int RankingDocumentsFlag { get; set; } = 2000;

    [Description("Generated training documents per type"), FlagAlias("per-type", 'n')]
    public int PerTypeFlag { get; set; } = 600;

    [Description("Seed of the generated training documents"), FlagAlias("seed", 's')]
    public int SeedFlag { get; set; } = 20261207;
}

/// <summary>
/// <c>dotnet run --project src/Host -- documents train</c>: trains the document-type model and the candidate ranker
/// (ML.NET FastTree) on documents the project generates from a seed, checks them on documents generated from another
/// seed, and writes each model and its card into the Documents module (<c>Classification/</c>, <c>Extraction/Local/</c>),
/// where the next build embeds them. The same seed and sizes give the same files. Needs no database.
/// </summary>
[Description("Train the document-type model and the candidate ranker", Name = "documents")]
public sealed class DocumentsCommand : JasperFxAsyncCommand<DocumentsInput>
{
    public override async Task<bool> Execute(DocumentsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Action != "train") { await Console.Error.WriteLineAsync("Action must be 'train'."); return false; }
        if (input.PerTypeFlag is < 50 or > 20000) { await Console.Error.WriteLineAsync("--per-type must be between 50 and 20000."); return false; }
        if (input.RankingDocumentsFlag is < 100 or > 50000) { await Console.Error.WriteLineAsync("--ranking-documents must be between 100 and 50000."); return false; }
        var module = input.OutFlag is null ? FindModuleFolder() : null;
        if (input.OutFlag is null && module is null)
        {
            await Console.Error.WriteLineAsync("Run from the repository (src/Modules/Documents/Monolith.Documents not found) or give --out.");
            return false;
        }
        var typeFolder = input.OutFlag ?? Path.Combine(module!, "Classification");
        var rankerFolder = input.OutFlag ?? Path.Combine(module!, "Extraction", "Local");
        Directory.CreateDirectory(typeFolder);
        Directory.CreateDirectory(rankerFolder);

        Console.WriteLine($"Training the type model on {input.PerTypeFlag} generated documents per type (seed {input.SeedFlag})…");
        var (model, card) = TypeModelTraining.Train(input.PerTypeFlag, input.SeedFlag);
        await using (var zip = File.Create(Path.Combine(typeFolder, "type-model.zip"))) model.Save(zip);
        await File.WriteAllTextAsync(Path.Combine(typeFolder, "type-model.json"), JsonSerializer.Serialize(card, TypeModelCard.Json) + "\n");
        Console.WriteLine($"Type model {card.Version}: {card.Examples} documents, accuracy on documents generated from seed {card.Seed + 1}: {card.ValidationAccuracy:P1}");
        foreach (var (type, accuracy) in card.ValidationAccuracyByType) Console.WriteLine($"  {type,-14} {accuracy:P1}");

        Console.WriteLine($"Training the candidate ranker on {input.RankingDocumentsFlag} generated documents (seed {input.SeedFlag})…");
        var (ranker, rankerCard) = CandidateRankerTraining.Train(input.RankingDocumentsFlag, input.SeedFlag);
        await using (var zip = File.Create(Path.Combine(rankerFolder, "candidate-ranker.zip"))) ranker.Save(zip);
        await File.WriteAllTextAsync(Path.Combine(rankerFolder, "candidate-ranker.json"), JsonSerializer.Serialize(rankerCard, ModelFiles.Json) + "\n");
        Console.WriteLine($"Candidate ranker {rankerCard.Version}: {rankerCard.Examples} candidates; right value first on documents generated from seed " +
            $"{rankerCard.Seed + 1}: {rankerCard.ValidationTop1:P1} (hand-set order {rankerCard.ValidationTop1ByHand:P1})");
        Console.WriteLine($"Written to {Path.GetFullPath(typeFolder)} and {Path.GetFullPath(rankerFolder)}; rebuild to ship them. " +
            "Measure them on real documents with bench/DocumentAccuracy.");
        return true;
    }

    /// <summary>The Documents module's folder, looked for from the working directory upwards.</summary>
    private static string? FindModuleFolder()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Modules", "Documents", "Monolith.Documents");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
