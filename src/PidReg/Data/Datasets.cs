namespace PidReg.Data;

/// <summary>
/// The dataset registry: every set by name (<see cref="DatasetNames"/>), whether it is real,
/// reconstructed, a stand-in or synthetic, and where its real files go under the data folder
/// (<see cref="DataRoot"/>). Missing real files fall back to a labelled substitute (never silently:
/// the Kind and Description say so) unless <see cref="DatasetLoadOptions.RequireRealFiles"/>.
/// </summary>
public static class Datasets
{
    /// <summary>All registry names.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        DatasetNames.Synthetic, DatasetNames.Supercon, DatasetNames.Superconductivity, DatasetNames.CtSlices, DatasetNames.BimodalMnist,
        DatasetNames.BrainAge, DatasetNames.Diabetes, DatasetNames.Mosi, DatasetNames.Mosei, DatasetNames.VisionTouch,
    ];

    /// <summary>Loads a dataset by name.</summary>
    public static MultimodalDataset Load(string name, DatasetLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var o = (options ?? new DatasetLoadOptions()).Validate();
        string root = o.DataRoot ?? DataRoot.Find();
        string Dir(string folder) => Path.Combine(root, folder);
        var data = name switch
        {
            DatasetNames.Synthetic => new SyntheticPidGenerator(o.Synthetic).Sample(o.SyntheticRows, o.Seed),
            DatasetNames.Supercon => SuperconReconstruction.Build(Dir("supercon")).Dataset,
            DatasetNames.Superconductivity => SuperconductivityUci.IsPresent(Dir("superconductivity"))
                ? SuperconductivityUci.Load(Dir("superconductivity"))
                : Fallback(o, name, Dir("superconductivity"), $"{SuperconductivityUci.TrainFile} + {SuperconductivityUci.UniqueFile}",
                    () => SuperconReconstruction.Build(Dir("supercon")).Dataset),
            DatasetNames.CtSlices => CtSlices.FindFull(Dir("ct-slices")) is { } full
                ? CtSlices.Load(full)
                : Fallback(o, name, Dir("ct-slices"), CtSlices.FullFile,
                    () => CtSlices.Load(Path.Combine(Dir("ct-slices"), CtSlices.ExcerptFile), excerpt: true)),
            DatasetNames.BimodalMnist => BimodalMnist.Load(Dir("mnist"), o.Seed, o.MaxRows),
            DatasetNames.BrainAge => BrainAge.Load(Dir("brain-age"), Chosen(o, name, BrainAge.ModalityNames)),
            DatasetNames.Diabetes => Diabetes.Load(Dir("diabetes")),
            DatasetNames.Mosi => NpzOrStandIn(o, Dir("mosi"), StandIns.Mosi, ["text", "audio", "vision"], "labels"),
            DatasetNames.Mosei => NpzOrStandIn(o, Dir("mosei"), StandIns.Mosei, ["text", "audio", "vision"], "labels"),
            DatasetNames.VisionTouch => NpzOrStandIn(o, Dir("vision-touch"), StandIns.VisionTouch, ["vision", "force", "proprio"], "target"),
            _ => throw new ArgumentException($"unknown dataset '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
        };
        if (o.Modalities is not null && name != DatasetNames.BrainAge)
            data = data.WithModalities(Chosen(o, name, data.Modalities.Select(m => m.Name).ToArray())!);
        return o.MaxRows > 0 && data.RowCount > o.MaxRows ? data.Subset(Enumerable.Range(0, o.MaxRows).ToArray()) : data;
    }

    /// <summary>Every registry entry with its current kind, shape and where its real files go (cheap: reads no data).</summary>
    public static IReadOnlyList<DatasetInfo> List(string? dataRoot = null)
    {
        string root = dataRoot ?? DataRoot.Find();
        string Dir(string folder) => Path.Combine(root, folder);
        bool ucI = SuperconductivityUci.IsPresent(Dir("superconductivity"));
        bool ct = CtSlices.FindFull(Dir("ct-slices")) != null;
        bool mnist = BimodalMnist.IsPresent(Dir("mnist"));
        var supercon = new[] { ("physical", 81), ("elements", 86) };
        var syn = new SyntheticPidOptions();
        DatasetInfo StandIn(StandInSpec s, string target)
        {
            bool present = File.Exists(Path.Combine(Dir(s.Name), s.Name + ".npz"));
            return new(s.Name, present ? DatasetKinds.Real : DatasetKinds.StandIn, present ? null : s.Rows,
                s.Modalities.Select(m => (m.Name, m.Dims)).ToArray(), s.Target, present, Path.Combine(Dir(s.Name), s.Name + ".npz"),
                present ? $"NPZ export (arrays {string.Join(", ", s.Modalities.Select(m => m.Name))}, {target})" : s.About);
        }
        return
        [
            new(DatasetNames.Synthetic, DatasetKinds.Synthetic, new DatasetLoadOptions().SyntheticRows, [("x1", syn.Dims1), ("x2", syn.Dims2)], "y", true, "(generated)",
                "Gaussian PID generator with analytic atoms; rows and knobs set by the load options"),
            new(DatasetNames.Supercon, DatasetKinds.Reconstructed, 11939, supercon, "critical_temp", true, Dir("supercon"), SuperconReconstruction.Label),
            new(DatasetNames.Superconductivity, ucI ? DatasetKinds.Real : DatasetKinds.Reconstructed, ucI ? null : 11939, supercon, "critical_temp", ucI,
                Path.Combine(Dir("superconductivity"), $"{{{SuperconductivityUci.TrainFile},{SuperconductivityUci.UniqueFile}}}"),
                ucI ? "UCI Superconductivity (Hamidieh 2018)" : "UCI files missing: falls back to the SuperCon-derived reconstruction"),
            new(DatasetNames.CtSlices, DatasetKinds.Real, ct ? null : 681, [("bone", 240), ("air", 144)], "reference", ct,
                Path.Combine(Dir("ct-slices"), CtSlices.FullFile), ct ? "UCI CT slices (Graf et al. 2011)" : "full file missing: the shipped 681-row, 2-patient excerpt (smoke tests only)"),
            new(DatasetNames.BimodalMnist, DatasetKinds.Real, mnist ? BimodalMnist.RowCount : null, [("left", 392), ("right", 392)], "angle", mnist,
                Path.Combine(Dir("mnist"), $"{{{string.Join(",", BimodalMnist.Files)}}}"),
                mnist ? "MNIST, 60,000 training + 10,000 test digits (shipped), rotated; left vs right half, target = angle"
                    : "MNIST files missing (they are shipped: restore data/mnist/); loading fails until all four are back"),
            new(DatasetNames.BrainAge, DatasetKinds.Real, 1035,
                [(BrainAge.Thickness, 68), (BrainAge.Area, 68), (BrainAge.Volume, 68), (BrainAge.Subcortical, 41)], "age", true, Dir("brain-age"),
                $"ABIDE I FreeSurfer 6, structural only; loads {string.Join(" + ", BrainAge.DefaultModalities)} unless modalities are chosen "
                + "(experiment --modalities, DatasetLoadOptions.Modalities)") { DefaultModalities = BrainAge.DefaultModalities },
            new(DatasetNames.Diabetes, DatasetKinds.Real, 442, [("clinical", 4), ("serum", 6)], "progression", true, Dir("diabetes"), "scikit-learn diabetes"),
            StandIn(StandIns.Mosi, "labels"),
            StandIn(StandIns.Mosei, "labels"),
            StandIn(StandIns.VisionTouch, "target"),
        ];
    }

    // The chosen modalities in the dataset's order (null: the default set); brain-age reads only the tables chosen, the
    // other sets load everything and keep the chosen.
    static string[]? Chosen(DatasetLoadOptions o, string name, IReadOnlyList<string> offered) =>
        o.Modalities is null ? null : ModalityChoice.InOrder(name, offered, o.Modalities, nameof(DatasetLoadOptions.Modalities));

    static MultimodalDataset Fallback(DatasetLoadOptions o, string name, string folder, string files, Func<MultimodalDataset> substitute)
    {
        if (o.RequireRealFiles)
            throw new FileNotFoundException($"dataset '{name}': the real files ({files}) are not in '{folder}'.");
        var s = substitute();
        return new MultimodalDataset(s.Name, s.Kind, s.Modalities, s.Target, s.TargetNames, s.RowIds, s.Groups, s.Metadata,
            $"[real files ({files}) not found in {folder}] " + s.Description);
    }

    static MultimodalDataset NpzOrStandIn(DatasetLoadOptions o, string folder, StandInSpec spec, string[] modalities, string target)
    {
        var path = Path.Combine(folder, spec.Name + ".npz");
        if (File.Exists(path))
            return MultimodalNpz.Load(path, spec.Name, modalities, target, $"{spec.Name} NPZ export of the real features");
        return Fallback(o, spec.Name, folder, spec.Name + ".npz", () => StandIns.Generate(spec, o.Seed, o.MaxRows));
    }
}
