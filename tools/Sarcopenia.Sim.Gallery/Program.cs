// Regenerates the chart gallery: docs/images/<chart>.png and docs/gallery.md, from a fixed scenario and seed so that
// the images only change when the model or the charts do. Run through scripts/make-gallery.sh from the repository root.
using System.Diagnostics;
using System.Text;
using Sarcopenia.Sim;
using Sarcopenia.Sim.Cli;
using Sarcopenia.Sim.Plotting;
using Sarcopenia.Sim.Population;
using Sarcopenia.Sim.Scenarios;

// 100,000 people give smooth centile bands and prevalence curves in about a second per run on two cores.
const long People = 100_000;
const ulong Seed = 42;

string docs = args.Length > 0 ? args[0] : "docs";
string images = Path.Combine(docs, "images");
var stopwatch = Stopwatch.StartNew();
SimulationResult result = Simulation.Run(
    Presets.Evidence,
    new CohortSpec(People) { Ancestry = AncestryMix.European },
    Seed,
    new RunOptions { Histograms = ChartCatalog.RequiredHistograms });

var gallery = new StringBuilder();
gallery.Append("# Chart gallery\n\n");
gallery.Append("Every chart that `sarcosim run --charts` writes, drawn by `Sarcopenia.Sim.Plotting` from the Evidence preset, ");
gallery.Append($"{People:N0} people of European ancestry aged 30 to 100, seed {Seed}. ");
gallery.Append("Regenerate the images and this page with `scripts/make-gallery.sh` (see [charts.md](charts.md) for the API).\n");
var inputs = new ChartInputsBuilder(threads: null);
foreach (ChartKind kind in ChartCatalog.All)
{
    gallery.Append($"\n## `{kind.Name}`\n\n{kind.Description}\n");
    foreach (Chart chart in kind.Build(inputs.Prepare(result, kind.Preparation, CancellationToken.None)))
    {
        using (chart)
        {
            chart.Save(images, ChartFormat.Png);
            gallery.Append($"\n![{chart.Name}](images/{chart.Name}.png)\n\n*{chart.Caption}*\n");
        }
    }
}

string page = Path.Combine(docs, "gallery.md");
string temporary = page + ".tmp";
File.WriteAllText(temporary, gallery.ToString());
File.Move(temporary, page, overwrite: true);
Console.WriteLine($"Wrote {page} and the images in {images} in {stopwatch.Elapsed.TotalSeconds:0.0} s.");
