namespace PidReg.Data;

/// <summary>Registry names of the kit's datasets (the names <see cref="Datasets.Load"/> accepts).</summary>
public static class DatasetNames
{
    /// <summary>Synthetic Gaussian PID data with analytic atoms.</summary>
    public const string Synthetic = "synthetic";
    /// <summary>SuperCon-derived reconstruction of UCI Superconductivity.</summary>
    public const string Supercon = "supercon";
    /// <summary>The real UCI Superconductivity files (train.csv + unique_m.csv), when the user provides them.</summary>
    public const string Superconductivity = "superconductivity";
    /// <summary>UCI CT slices (full file when provided, otherwise the shipped excerpt).</summary>
    public const string CtSlices = "ct-slices";
    /// <summary>Bimodal MNIST: left/right halves of rotated digits, target the angle.</summary>
    public const string BimodalMnist = "bimodal-mnist";
    /// <summary>ABIDE I FreeSurfer brain age.</summary>
    public const string BrainAge = "brain-age";
    /// <summary>scikit-learn diabetes: clinical vs serum.</summary>
    public const string Diabetes = "diabetes";
    /// <summary>CMU-MOSI (real export when provided, else stand-in).</summary>
    public const string Mosi = "mosi";
    /// <summary>CMU-MOSEI (real export when provided, else stand-in).</summary>
    public const string Mosei = "mosei";
    /// <summary>Vision&amp;Touch (real export when provided, else stand-in).</summary>
    public const string VisionTouch = "vision-touch";
}
