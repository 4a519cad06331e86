using PidReg.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Data;

/// <summary>Conversion of dataset matrices to torch tensors (float32 by default, as the models train in float32).</summary>
public static class DatasetTensors
{
    /// <summary>A rows x cols matrix as a (rows, cols) tensor of the given type.</summary>
    public static Tensor ToTensor(double[,] values, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(values);
        TorchRuntime.EnsureLoaded();
        int n = values.GetLength(0), d = values.GetLength(1);
        var flat = new double[n * d];
        Buffer.BlockCopy(values, 0, flat, 0, flat.Length * sizeof(double));
        using var t = torch.tensor(flat, [n, d], ScalarType.Float64);
        return t.to_type(dtype);
    }

    /// <summary>One tensor per modality, in order.</summary>
    public static Tensor[] Modalities(MultimodalDataset data, ScalarType dtype = ScalarType.Float32) =>
        data.Modalities.Select(m => ToTensor(m.Values, dtype)).ToArray();

    /// <summary>The (rows, targetDims) target tensor.</summary>
    public static Tensor Target(MultimodalDataset data, ScalarType dtype = ScalarType.Float32) => ToTensor(data.Target, dtype);
}
