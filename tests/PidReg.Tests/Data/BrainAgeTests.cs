using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using PidReg.Data;

namespace PidReg.Tests.Data;

public class BrainAgeTests
{
    static string Folder => DataRoot.For(DatasetNames.BrainAge);

    // Independent truth: the SHA-256 of each upstream file (uncompressed) as recorded when the data were obtained, and of
    // the gzip file as shipped (data/brain-age/README.md).
    [Theory]
    [InlineData("lh.aparc_table_thickness.tsv.gz", "28f58dd5d9149589d429fea3034003659e6c7d9f83ca663f0c5476b1fee5274b", "3adfe188709d229523e2bab74514a7c9e992e56409b98471b1ab3a2f3935b622")]
    [InlineData("rh.aparc_table_thickness.tsv.gz", "721151484b8a64a8772289f493bbad4ee35bfe3431ad63e1803592ab22523864", "cbc05573a508a3340074074308441cb4bbc741b13071cdcef4e0dac36894edf2")]
    [InlineData("lh.aparc_table_area.tsv.gz", "a3e68c3d38b4098adcf76134e7e62cdd23e0a769278e8c80df45cea63148fcab", "5bce29ffd73c5308f04182a7dfb448dcb0e7c5a1a05f7a765ac763d6db36b97c")]
    [InlineData("rh.aparc_table_area.tsv.gz", "e9ced10a482dfda2b635278c1c2ed1cd380f20ea5e3399a0a8fb9dc340473a7b", "7edfe226ff717c3f20ab3f7d74a60eb6855653a0a87d9ffd14a568087db6e66f")]
    [InlineData("lh.aparc_table_volume.tsv.gz", "a3132e098660ed0b376d1aee9a34cd0298492d2fd3f63931ac4ca184bdde0721", "2854b418bdd744348e96c1b0e4376e1e7dca21270b5a788462154da8fcc1895c")]
    [InlineData("rh.aparc_table_volume.tsv.gz", "d4213f455b065ae651382383c69fd0e8da56ab18b7b10554c358c1cb5daf60c7", "eba6611195dd68a467a44c70a0d95d52c99b291e0e44dc48bcb55df144b7eacc")]
    [InlineData("aseg_table.tsv.gz", "e48c91e0e017f1c8d711db491d28ebfcfc7a316a2ae1d322c0c57d678a56efc0", "72b8713a365badaf6d84310ed7d52cbc64c89315d543257304f6f0fb6d03f678")]
    [InlineData("Phenotypic_V1_0b_preprocessed1.csv.gz", "e683294abb57882c54dbfb96599588e75f7569cc2b2902ccf8e5aaf6b23bd2cc", "009f01a89697113e5375ded4fbcff4c85e89a4daa6d13e63c21ae5d57dda0865")]
    public void ShippedFilesMatchTheirRecordedSha256(string file, string gzipSha256, string upstreamSha256)
    {
        var path = Path.Combine(Folder, file);
        Assert.Equal(gzipSha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        Assert.Equal(upstreamSha256, Convert.ToHexStringLower(SHA256.HashData(gz)));
        Assert.Contains(file, BrainAge.Files);
    }

    [Fact]
    public void FourModalitiesComeInTheFixedOrderWith34RegionsPerHemisphere()
    {
        var d = BrainAge.Load(Folder, [BrainAge.Subcortical, BrainAge.Volume, BrainAge.Thickness, BrainAge.Area]);
        Assert.Equal(["thickness", "area", "volume", "subcortical"], d.Modalities.Select(m => m.Name));
        Assert.Equal([68, 68, 68, 41], d.Modalities.Select(m => m.Dims));
        // Every subject of the tables has all four (the tables list the same 1,035 subjects).
        Assert.Equal(1035, d.RowCount);
        foreach (var measure in new[] { "thickness", "area", "volume" })
        {
            var names = d[measure].FeatureNames!;
            Assert.Equal(34, names.Count(n => n.StartsWith("lh_", StringComparison.Ordinal)));
            Assert.Equal(34, names.Count(n => n.StartsWith("rh_", StringComparison.Ordinal)));
            Assert.All(names, n => Assert.EndsWith("_" + measure, n));
            // The same 34 Desikan regions on both sides, in the same order.
            Assert.Equal(names.Take(34).Select(n => n[3..]), names.Skip(34).Select(n => n[3..]));
        }
        Assert.DoesNotContain(d["thickness"].FeatureNames!, f => f.Contains("MeanThickness"));
        Assert.DoesNotContain(d["area"].FeatureNames!, f => f.Contains("WhiteSurfArea"));
        Assert.Equal(["lh_bankssts_volume", "lh_caudalanteriorcingulate_volume"], d["volume"].FeatureNames!.Take(2));
        Assert.Equal("rh_insula_volume", d["volume"].FeatureNames![^1]);
    }

    [Theory]
    // Values read from the upstream TSVs (first, 518th and last subject), not from the loader.
    [InlineData(0, "Caltech_0051456", "lh_bankssts_volume", 2029.0)]
    [InlineData(0, "Caltech_0051456", "lh_insula_volume", 7972.0)]
    [InlineData(0, "Caltech_0051456", "rh_bankssts_volume", 3081.0)]
    [InlineData(517, "Pitt_0050060", "lh_bankssts_volume", 3686.0)]
    [InlineData(517, "Pitt_0050060", "rh_insula_volume", 8919.0)]
    [InlineData(1034, "Yale_0050628", "lh_insula_volume", 5551.0)]
    [InlineData(1034, "Yale_0050628", "rh_insula_volume", 5820.0)]
    public void KnownVolumesAreWhereTheLoaderPutsThem(int row, string subject, string region, double volume)
    {
        var d = BrainAge.Load(Folder, [BrainAge.Volume]);
        Assert.Equal(subject, d.RowIds![row]);
        Assert.Equal(volume, d["volume"].Values[row, d["volume"].FeatureNames!.ToList().IndexOf(region)]);
    }

    [Theory]
    [InlineData("volume", "lh")]
    [InlineData("volume", "rh")]
    [InlineData("area", "rh")]
    [InlineData("thickness", "lh")]
    public void EveryLoadedCorticalValueEqualsTheRawTable(string measure, string hemisphere)
    {
        // The raw table parsed here with plain string splitting, apart from the kit's readers.
        using var gz = new GZipStream(File.OpenRead(Path.Combine(Folder, $"{hemisphere}.aparc_table_{measure}.tsv.gz")), CompressionMode.Decompress);
        var lines = new StreamReader(gz, Encoding.UTF8).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split('\t');
        var d = BrainAge.Load(Folder, [measure]);
        var names = d[measure].FeatureNames!.ToList();
        Assert.Equal(lines.Length - 1, d.RowCount);
        int compared = 0;
        for (int r = 1; r < lines.Length; r++)
        {
            var cells = lines[r].Split('\t');
            Assert.Equal(cells[0], d.RowIds![r - 1]);
            for (int c = 1; c < header.Length; c++)
            {
                int j = names.IndexOf(header[c]);
                if (j < 0) continue;  // the hemisphere summary column
                Assert.Equal(double.Parse(cells[c], CultureInfo.InvariantCulture), d[measure].Values[r - 1, j]);
                compared++;
            }
        }
        Assert.Equal(1035 * 34, compared);
    }

    [Fact]
    public void DefaultLoadIsThicknessAndSubcorticalBitForBit()
    {
        var byDefault = BrainAge.Load(Folder);
        Assert.Equal(BrainAge.DefaultModalities, byDefault.Modalities.Select(m => m.Name));
        Assert.Equal(Fingerprint(byDefault), Fingerprint(BrainAge.Load(Folder, [BrainAge.Subcortical, BrainAge.Thickness])));
        // The two-modality load as it was before area and volume could be chosen (values, names, ids, target, groups,
        // metadata, description): every result computed on the default set stays what it was.
        Assert.Equal("aa042d6c9a7682fa29a39ae595235d7995c4742f4def9ace6e5f8de0e56a4d62", Fingerprint(byDefault));
    }

    [Fact]
    public void AModalityLoadsTheSameValuesAloneAsBesideOthers()
    {
        var all = BrainAge.Load(Folder, BrainAge.ModalityNames);
        foreach (var name in BrainAge.ModalityNames)
        {
            var alone = BrainAge.Load(Folder, [name]);
            Assert.Equal(all[name].Values, alone[name].Values);
            Assert.Equal(all[name].FeatureNames, alone[name].FeatureNames);
            Assert.Equal(all.RowIds, alone.RowIds);
            Assert.Equal(all.Target, alone.Target);
        }
    }

    [Theory]
    [InlineData("volumes")]
    [InlineData("Thickness")]
    [InlineData("")]
    public void AnUnknownModalityIsNamedWithTheValidOnes(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => BrainAge.Load(Folder, [BrainAge.Thickness, name]));
        Assert.Contains($"'{name}'", e.Message);
        Assert.Contains("thickness, area, volume, subcortical", e.Message);
        Assert.Equal("modalities", e.ParamName);
    }

    [Fact]
    public void NoModalityOrOneTwiceIsRefused()
    {
        Assert.Contains("no modality chosen", Assert.Throws<ArgumentException>(() => BrainAge.Load(Folder, [])).Message);
        Assert.Contains("'area' of dataset 'brain-age' is chosen twice", Assert.Throws<ArgumentException>(() => BrainAge.Load(Folder, ["area", "volume", "area"])).Message);
    }

    [Fact]
    public void ATableWithOtherSubjectsIsNamed()
    {
        using var dir = new TempDir();
        foreach (var f in BrainAge.Files) File.Copy(Path.Combine(Folder, f), Path.Combine(dir.Path, f));
        // The right-hemisphere volume table without its second subject.
        var rh = Path.Combine(dir.Path, "rh.aparc_table_volume.tsv.gz");
        string text;
        using (var gz = new GZipStream(File.OpenRead(rh), CompressionMode.Decompress)) text = new StreamReader(gz).ReadToEnd();
        var lines = text.Split('\n').ToList();
        lines.RemoveAt(2);
        using (var gz = new GZipStream(File.Create(rh), CompressionLevel.Fastest)) gz.Write(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        var e = Assert.Throws<InvalidDataException>(() => BrainAge.Load(dir.Path, [BrainAge.Thickness, BrainAge.Volume]));
        Assert.Contains("rh.aparc_table_volume.tsv.gz", e.Message);
        Assert.Contains("subject row 1", e.Message);
        Assert.Contains("same subjects in the same order", e.Message);
        // Without volume that table is not read.
        Assert.Equal(1035, BrainAge.Load(dir.Path).RowCount);
    }

    [Fact]
    public void RegistryLoadsTheChosenModalitiesAndListsAllFour()
    {
        var info = Datasets.List().Single(d => d.Name == DatasetNames.BrainAge);
        Assert.Equal([("thickness", 68), ("area", 68), ("volume", 68), ("subcortical", 41)], info.Modalities);
        Assert.Equal(BrainAge.DefaultModalities, info.DefaultModalities);
        var three = Datasets.Load(DatasetNames.BrainAge, new DatasetLoadOptions { Modalities = ["volume", "thickness", "subcortical"] });
        Assert.Equal(["thickness", "volume", "subcortical"], three.Modalities.Select(m => m.Name));
        var e = Assert.Throws<ArgumentException>(() => Datasets.Load(DatasetNames.BrainAge, new DatasetLoadOptions { Modalities = ["thickness", "pial"] }));
        Assert.Equal(nameof(DatasetLoadOptions.Modalities), e.ParamName);
        Assert.Contains("thickness, area, volume, subcortical", e.Message);
    }

    /// <summary>SHA-256 over everything a load returns: modality names, values (bit patterns), feature names, target, ids, groups, metadata, description.</summary>
    static string Fingerprint(MultimodalDataset d)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void S(string s) { h.AppendData(Encoding.UTF8.GetBytes(s)); h.AppendData([0]); }
        void A(double[,] a) { S($"{a.GetLength(0)}x{a.GetLength(1)}"); foreach (var v in a) h.AppendData(BitConverter.GetBytes(v)); }
        S(d.Name); S(d.Kind); S(d.Description);
        foreach (var m in d.Modalities) { S(m.Name); A(m.Values); foreach (var f in m.FeatureNames!) S(f); }
        A(d.Target);
        foreach (var t in d.TargetNames) S(t);
        foreach (var r in d.RowIds!) S(r);
        foreach (var g in d.Groups!) S(g);
        foreach (var (k, v) in d.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) { S(k); foreach (var x in v) S(x); }
        return Convert.ToHexStringLower(h.GetHashAndReset());
    }
}
