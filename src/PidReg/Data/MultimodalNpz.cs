namespace PidReg.Data;

/// <summary>
/// Loader for multimodal sets their users hold as Python pickles (CMU-MOSI/MOSEI from MultiBench or the
/// CMU SDK, Vision&amp;Touch from MultiBench): pickles are not readable from .NET, so the kit reads an NPZ
/// export with one array per modality plus a target array. Export (Python, in the user's environment):
/// <code>
/// d = pickle.load(open("mosi_raw.pkl", "rb"))
/// np.savez("mosi.npz", **{k: np.concatenate([d[s][k] for s in ("train", "valid", "test")]) for k in ("text", "audio", "vision", "labels")})
/// </code>
/// Sequence arrays (n, time, features) are averaged over time (the kit's choice; zero padding included).
/// </summary>
public static class MultimodalNpz
{
    /// <summary>Loads modalities and the target from named arrays; every array must have the same first dimension.</summary>
    public static MultimodalDataset Load(string path, string name, IReadOnlyList<string> modalityKeys, string targetKey, string description)
    {
        var arrays = NpyArray.ReadNpz(path);
        NpyArray Get(string key) => arrays.TryGetValue(key, out var a) ? a
            : throw new InvalidDataException($"{path}: array '{key}' is missing; the archive has {string.Join(", ", arrays.Keys.Order())}.");
        var target = Get(targetKey);
        int n = target.Shape[0];
        var mods = modalityKeys.Select(k =>
        {
            var a = Get(k);
            if (a.Shape[0] != n)
                throw new InvalidDataException($"{path}: modality '{k}' has {a.Shape[0]} rows but '{targetKey}' has {n}.");
            return new Modality(k, a.ToMatrix());
        }).ToArray();
        return new MultimodalDataset(name, DatasetKinds.Real, mods, target.ToMatrix(averageTime: false), description: description + $" (from {path})");
    }
}
