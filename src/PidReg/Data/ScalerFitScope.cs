namespace PidReg.Data;

/// <summary>Which rows <see cref="DatasetStandardizer"/> learns means and scales from.</summary>
public enum ScalerFitScope
{
    /// <summary>Training rows only (correct: validation and test stay unseen). The kit's default.</summary>
    TrainOnly,

    /// <summary>
    /// All rows before splitting, as the reference implementation does (it leaks test statistics into
    /// training); kept only to reproduce its numbers.
    /// </summary>
    AllRowsLikeReference,
}
