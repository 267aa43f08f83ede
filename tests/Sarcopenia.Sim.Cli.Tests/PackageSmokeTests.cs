using System.Diagnostics;
using System.IO.Compression;
using Sarcopenia.Sim.Cli.Tests.Support;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Scenarios;

namespace Sarcopenia.Sim.Cli.Tests;

/// <summary>
/// Packs the library and the tool into a local folder feed, installs the tool from it into a temporary tool path and
/// runs it, and restores the library from it into a fresh console app, as a user would.
/// </summary>
public sealed class PackageSmokeTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    private const string NativeFolder = "tools/net10.0/any/runtimes/";

    // The trimmed package is about 27 MB; well under the 79 MB of every platform's natives, with room for growth.
    private const long MaxToolPackageBytes = 40_000_000;

    [Fact]
    public void Packages_InstallFromALocalFeed_AndRun()
    {
        using var folder = new TempFolder();

        // A version nobody else uses: NuGet would otherwise serve an older package of the same version from its cache.
        string version = $"0.1.0-smoke.{Guid.NewGuid():N}";
        string feed = folder["feed"];
        try
        {
            foreach (string project in (string[])["src/Sarcopenia.Sim/Sarcopenia.Sim.csproj", "src/Sarcopenia.Sim.Cli/Sarcopenia.Sim.Cli.csproj"])
            {
                Dotnet(Repository.Root, "pack", project, "-c", "Release", "-o", feed, "--artifacts-path", folder["artifacts"], $"-p:Version={version}");
            }

            AssertLibraryPackage(Path.Combine(feed, $"Sarcopenia.Sim.{version}.nupkg"));
            Assert.True(File.Exists(Path.Combine(feed, $"Sarcopenia.Sim.{version}.snupkg")));
            AssertToolPackage(Path.Combine(feed, $"sarcosim.{version}.nupkg"));

            Dotnet(folder.Path, "tool", "install", "sarcosim", "--tool-path", folder["tools"], "--add-source", feed, "--version", version);
            string output = Run(folder.Path, Path.Combine(folder["tools"], "sarcosim"), "run", "--people", "5000", "--out", folder["out"], "--charts");
            Assert.Contains("Prevalence by age band", output);
            Assert.True(File.Exists(Path.Combine(folder["out"], RunOutputs.ManifestFile)));

            // The trimmed natives still draw on this platform.
            Assert.True(File.Exists(Path.Combine(folder["out"], RunCommand.ChartsFolder, "stages-female.png")));

            string consumer = CreateConsumer(folder, feed, version);
            string consumerOutput = Dotnet(consumer, "run");
            Assert.Contains("ConsumerSmoke: 5000 people, prevalence at 80 =", consumerOutput);
        }
        finally
        {
            RemoveFromPackageCache(version);
        }
    }

    private static void AssertLibraryPackage(string path)
    {
        using ZipArchive package = ZipFile.OpenRead(path);
        string[] entries = [.. package.Entries.Select(e => e.FullName)];
        Assert.Contains("README.md", entries);
        Assert.Contains("lib/net10.0/Sarcopenia.Sim.dll", entries);
        Assert.Contains("lib/net10.0/Sarcopenia.Sim.xml", entries);
        string nuspec = Read(package, "Sarcopenia.Sim.nuspec");
        Assert.Contains("<license type=\"expression\">MIT</license>", nuspec);
        Assert.Contains("<readme>README.md</readme>", nuspec);
        Assert.Contains("<description>Population microsimulation", nuspec);
        Assert.Contains("<tags>sarcopenia", nuspec);
        Assert.Contains("<repository type=\"git\"", nuspec);
    }

    private static void AssertToolPackage(string path)
    {
        using ZipArchive package = ZipFile.OpenRead(path);
        string[] entries = [.. package.Entries.Select(e => e.FullName)];
        Assert.Contains("README.md", entries);
        Assert.Contains("schemas/scenario.schema.json", entries);
        Assert.Contains("tools/net10.0/any/sarcosim.dll", entries);
        Assert.Contains("tools/net10.0/any/Sarcopenia.Sim.dll", entries);
        Assert.Contains("<packageType name=\"DotnetTool\" />", Read(package, "sarcosim.nuspec"));

        // Chart natives for the platforms tool users run on, not ScottPlot's fifteen (79 MB before trimming, 27 MB after).
        string[] runtimes = [.. entries.Where(e => e.StartsWith(NativeFolder, StringComparison.Ordinal)).Select(e => e[NativeFolder.Length..].Split('/')[0]).Distinct().Order()];
        Assert.Equal(["linux-arm64", "linux-x64", "osx", "win-x64"], runtimes);
        Assert.InRange(new FileInfo(path).Length, 1, MaxToolPackageBytes);
    }

    private static string CreateConsumer(TempFolder folder, string feed, string version)
    {
        string consumer = Directory.CreateDirectory(folder["consumer"]).FullName;
        File.WriteAllText(Path.Combine(consumer, "ConsumerSmoke.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Sarcopenia.Sim" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using Sarcopenia.Sim;
            using Sarcopenia.Sim.Parameters;
            using Sarcopenia.Sim.Population;
            using Sarcopenia.Sim.Scenarios;

            SimulationResult result = Simulation.Run(Presets.Evidence, new CohortSpec(People: 5000), seed: 1);
            Console.WriteLine($"ConsumerSmoke: {result.People} people, prevalence at 80 = {result.PrevalenceAtLeast(80, null, Stage.Sarcopenia):P1}");
            """);
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="Sarcopenia.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        return consumer;
    }

    private static string Dotnet(string workingDirectory, params string[] args) => Run(workingDirectory, "dotnet", args);

    private static string Run(string workingDirectory, string program, params string[] args)
    {
        using Process process = ChildProcess.Start(workingDirectory, start =>
        {
            // The test host runs inside MSBuild's environment; a child build must find its own SDK, not inherit these.
            foreach (string variable in (string[])["MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly"])
            {
                start.Environment.Remove(variable);
            }
        }, program, args);
        Task<string> error = process.StandardError.ReadToEndAsync();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(s_timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish within {s_timeout}.");
        }

        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}:\n{output.Result}\n{error.Result}");
        return output.Result;
    }

    private static string Read(ZipArchive package, string name)
    {
        using var reader = new StreamReader(package.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static void RemoveFromPackageCache(string version)
    {
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string id in (string[])["sarcopenia.sim", "sarcosim"])
        {
            string folder = Path.Combine(cache, id, version);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
