using Monolith.Companies;
using Monolith.Companies.Contracts;
namespace Monolith.Companies.Heuristic;

/// <summary>The language of a text by its most frequent function words (en, de, fr, es, it, nl); null when unsure.</summary>
public static class LanguageDetector
{
    private static readonly (string Language, HashSet<string> Words)[] Stopwords =
    [
        ("en", Set("the and of to in is for with our we you are that on your from by this at")),
        ("de", Set("der die das und ist nicht mit für wir sie auf ein eine den dem zu von im unsere ihre auch bei")),
        ("fr", Set("le la les et des est pour avec nous vous une dans du sur au par nos vos qui que ce")),
        ("es", Set("el la los las y de que en para con nuestro nuestra nuestros una por su sus del al es se")),
        ("it", Set("il lo la gli le e di che per con nostro nostra nostri nostre una del della dei delle degli è sono al nel nella nelle negli alla alle ai dal dalla dai anche più questo questa siamo ogni tra hanno essere già dove vostro vostra")),
        ("nl", Set("de het een en van is voor met wij we u onze zijn op aan bij dat niet ook ons uw jouw door naar wordt worden werd heeft hebben deze meer dan als maar nog kunnen wat hoe")),
    ];

    private static HashSet<string> Set(string words) => new(words.Split(' '), StringComparer.Ordinal);

    public static string? Detect(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var sample = text.Length > 20_000 ? text[..20_000] : text;
        var tokens = sample.ToLowerInvariant().Split([' ', ',', '.', ';', ':', '!', '?', '(', ')', '"', '\n', '\t', '/', '–', '-'], StringSplitOptions.RemoveEmptyEntries);
        var scores = Stopwords.Select(s => (s.Language, Score: tokens.Count(s.Words.Contains))).OrderByDescending(s => s.Score).ThenBy(s => s.Language, StringComparer.Ordinal).ToList();
        var total = scores.Sum(s => s.Score);
        var best = scores[0];
        return best.Score >= 5 && best.Score >= 0.4 * total && best.Score > scores[1].Score * 1.3 ? best.Language : null;
    }
}
