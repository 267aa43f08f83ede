using Sarcopenia.Sim.Heritability;
using Sarcopenia.Sim.IO;
using Sarcopenia.Sim.Tests.Support;

namespace Sarcopenia.Sim.Tests.IO;

public sealed class TwinCsvTests
{
    private const string Header = "zygosity,sex_T1,sex_T2,age,ancestry,grip_T1,grip_T2";

    [Fact]
    public void WriteThenRead_RoundTripsExactly()
    {
        TwinPairs data = TwinSamples.Generate(new TwinSampleSpec { MonozygoticPairs = 200, DizygoticPairs = 300, OppositeSexShare = 0.4 }, seed: 41);
        string written = Write(data);

        TwinPairs read = TwinCsv.Read(new StringReader(written), "twins.csv");

        Assert.Equal(written, Write(read));
        Assert.Equal(data.Zygosity, read.Zygosity);
        Assert.Equal(data.Sex1, read.Sex1);
        Assert.Equal(data.Sex2, read.Sex2);
        Assert.Equal(data.Age, read.Age);
        Assert.Equal(data.Ancestry, read.Ancestry);
        Assert.Equal(data.Traits[0].Twin1, read.Traits[0].Twin1);
        Assert.Equal(data.Traits[0].Twin2, read.Traits[0].Twin2);
        Assert.Equal(data.Genotypes[0].Twin2, read.Genotypes[0].Twin2);
        Assert.StartsWith("zygosity,sex_T1,sex_T2,age,ancestry,grip_T1,grip_T2,rs1815739_T1,rs1815739_T2\n", written);
    }

    [Fact]
    public void Read_UmxCodesAndQuotedFieldsAsRWritesThem_AreRead()
    {
        string text = """
            "","zygosity","sex_T1","sex_T2","age","ancestry","grip_T1","grip_T2","snp_FST5003_T1","snp_FST5003_T2"
            "1","MZFF","F","F",61,"European",24.5,25,0,0
            "2","DZMM","male","M",70.5,"African",40,38.25,1,2
            "3","DZOS","M","F",55,"eastasian",41,27,2,1
            """;

        TwinPairs data = TwinCsv.Read(new StringReader(text), "umx.csv");

        Assert.Equal([Zygosity.Monozygotic, Zygosity.DizygoticSameSex, Zygosity.DizygoticOppositeSex], data.Zygosity);
        Assert.Equal([Sex.Female, Sex.Male, Sex.Male], data.Sex1);
        Assert.Equal(Ancestry.EastAsian, data.Ancestry[2]);
        Assert.Equal("grip", Assert.Single(data.Traits).Name);
        Assert.Equal([0, 1, 2], Assert.Single(data.Genotypes).Twin1.Select(g => (int)g));
    }

    [Fact]
    public void Read_NumericCodes_AreMzDzAndDzos()
    {
        TwinPairs data = TwinCsv.Read(new StringReader($"{Header}\n1,F,F,60,European,1,2\n2,M,M,60,European,1,2\n3,F,M,60,European,1,2\n"), "n.csv");

        Assert.Equal([Zygosity.Monozygotic, Zygosity.DizygoticSameSex, Zygosity.DizygoticOppositeSex], data.Zygosity);
    }

    [Theory]
    [InlineData("MZ,F,F,60,European,1,2\nMZFF,F,F,60,European,1,2",
        "t.csv, line 3, column 'zygosity': 'MZFF' is in the umx MZFF/MZMM/DZFF/DZMM/DZOS codes, but line 2 used the MZ/DZ/DZOS codes; a file must use one code system.")]
    [InlineData("1,F,F,60,European,1,2\nDZ,F,F,60,European,1,2",
        "t.csv, line 3, column 'zygosity': 'DZ' is in the MZ/DZ/DZOS codes, but line 2 used the numeric 1/2/3 codes; a file must use one code system.")]
    [InlineData("5,F,M,60,European,1,2",
        "t.csv, line 2, column 'zygosity': '5' is not allowed; expected MZ, DZ or DZOS (or umx's MZFF, MZMM, DZFF, DZMM, DZOS, or 1 = MZ, 2 = DZ, 3 = DZOS).")]
    [InlineData("MZ,F,F,60,European,31.5,strong",
        "t.csv, line 2, column 'grip_T2': 'strong' is not allowed; expected a finite number such as 31.5.")]
    [InlineData("MZ,F,F,60,European,NA,30",
        "t.csv, line 2, column 'grip_T1': a missing value ('NA') is not allowed; expected a finite number (drop incomplete pairs before fitting).")]
    [InlineData("MZ,F,M,60,European,1,2",
        "t.csv, line 2, column 'zygosity': 'MZ' is not allowed for twins of sex F and M; expected DZOS for opposite-sex twins.")]
    [InlineData("DZ,F,F,60,Martian,1,2",
        "t.csv, line 2, column 'ancestry': 'Martian' is not allowed; expected one of European, EastAsian, African, SouthAsian, HispanicLatino.")]
    [InlineData("DZ,F,X,60,European,1,2",
        "t.csv, line 2, column 'sex_T2': 'X' is not allowed; expected F or M (female or male).")]
    [InlineData("DZ,F,F,60,European,1",
        "t.csv, line 2: 6 fields is not allowed; expected 7, one per header column.")]
    [InlineData("",
        "t.csv holds no pairs: a header and no rows; expected one row per twin pair.")]
    public void Read_BadRows_NameTheFileLineColumnValueAndWhatIsAllowed(string rows, string message)
    {
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => TwinCsv.Read(new StringReader($"{Header}\n{rows}\n"), "t.csv"));

        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("zygosity,sex_T1,sex_T2,ancestry,grip_T1,grip_T2",
        "t.csv, line 1: the header has no 'age' column; expected zygosity, sex_T1, sex_T2, age, ancestry and <trait>_T1, <trait>_T2 (the header is: zygosity,sex_T1,sex_T2,ancestry,grip_T1,grip_T2).")]
    [InlineData("zygosity,sex_T1,sex_T2,age,ancestry,grip_T1",
        "t.csv, line 1: column 'grip_T1' has no partner 'grip_T2'; expected both twins' columns of each measurement.\nt.csv, line 1: the header has no trait columns; expected at least one pair <trait>_T1, <trait>_T2 (the header is: zygosity,sex_T1,sex_T2,age,ancestry,grip_T1).")]
    public void Read_BadHeader_NamesTheMissingColumns(string header, string message)
    {
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => TwinCsv.Read(new StringReader($"{header}\nMZ,F,F,60,European,1,2\n"), "t.csv"));

        Assert.Equal(message.Replace("\n", Environment.NewLine, StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void Read_ManyBadRows_ReportsTheFirstTwentyAndCountsTheRest()
    {
        string rows = string.Concat(Enumerable.Repeat("MZ,F,F,60,European,x,2\n", 25));

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => TwinCsv.Read(new StringReader($"{Header}\n{rows}"), "t.csv"));

        Assert.StartsWith("25 problems in t.csv:", e.Message);
        Assert.Contains("t.csv, line 21, column 'grip_T1'", e.Message);
        Assert.DoesNotContain("line 22,", e.Message);
        Assert.EndsWith("... and 5 more problems", e.Message);
    }

    [Theory]
    [InlineData("rs1815739", true)]
    [InlineData("snp_CNTF", true)]
    [InlineData("rs", false)]
    [InlineData("rsx1", false)]
    [InlineData("grip", false)]
    public void IsGenotypeName_MarksDbSnpIdsAndSnpPrefixes(string name, bool expected) => Assert.Equal(expected, TwinCsv.IsGenotypeName(name));

    private static string Write(TwinPairs data)
    {
        var writer = new StringWriter();
        TwinCsv.Write(data, writer);
        return writer.ToString();
    }
}
